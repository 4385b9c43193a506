// The card form: Stripe.js collects the card, the server confirms the payment through Saleor.
// Works with real Stripe.js (createPaymentMethod) and with localstripe's stand-in (createToken).
// The payment is sent in place (fetch): a declined card or a failed 3-D Secure is shown at the
// card field, the card form stays as it was, and only a finished payment leaves the page.
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") return;
  var stripe = Stripe(form.dataset.publishableKey);
  var errors = document.getElementById("card-errors");
  var field = document.getElementById("card-field");
  var button = document.getElementById("pay-button");
  var card = stripe.elements().create("card");
  card.mount("#card-element");

  var FAILED_AUTHENTICATION = "Your bank did not confirm the payment, so your card has not been charged. " +
    "Please try again, try another card, or contact your bank.";
  var UNREACHABLE = "We couldn't reach the shop. Please check your connection and press Pay again.";

  function focusCard() {
    // Real Stripe.js elements take focus(); localstripe's stand-in is plain inputs.
    if (typeof card.focus === "function") card.focus();
    else {
      var input = document.querySelector("#card-element input");
      if (input) input.focus({ preventScroll: true });
    }
    field.scrollIntoView({ block: "center" });
  }

  function showError(message) {
    errors.textContent = message || "The card could not be used. Please check the details.";
    button.disabled = false;
    focusCard();
  }

  async function paymentToken() {
    if (typeof stripe.createPaymentMethod === "function") {
      var made = await stripe.createPaymentMethod({ type: "card", card: card });
      if (made && made.paymentMethod) return { id: made.paymentMethod.id };
      if (made && made.error) return { error: made.error };
    }
    var tokenised = await stripe.createToken(card);
    if (tokenised.error) return { error: tokenised.error };
    return { id: tokenised.token.id };
  }

  // POST to the shop, answered in JSON: {next}, {client_secret, confirm_url} or {error}.
  async function send(url, body) {
    var response = await fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    return response.json();
  }

  async function authenticate(clientSecret, confirmUrl) {
    var result = await stripe.confirmCardPayment(clientSecret);
    var intent = result && result.paymentIntent;
    var authenticated = !(result && result.error) && intent &&
      (intent.status === "requires_capture" || intent.status === "succeeded");
    // The shop is told either way, so it records the outcome now rather than later.
    var answer = await send(confirmUrl, csrfOnly());
    if (answer.next) return window.location.assign(answer.next);
    showError(authenticated ? answer.error : FAILED_AUTHENTICATION);
  }

  function csrfOnly() {
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    return body;
  }

  async function handle(answer) {
    if (answer.next) return window.location.assign(answer.next);
    if (answer.client_secret) return authenticate(answer.client_secret, answer.confirm_url);
    showError(answer.error);
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (button.disabled) return; // a second click while the first is on its way
    button.disabled = true;
    errors.textContent = "";
    try {
      // The checkout page's address and shipping method first (checkout.js): the card is
      // taken only for the total Saleor holds, and an address error is shown at its field.
      if (window.QLCheckout && !(await window.QLCheckout.save())) {
        button.disabled = false;
        return;
      }
      var result = await paymentToken();
      if (result.error) return showError(result.error.message);
      form.elements.payment_token.value = result.id;
      await handle(await send(form.action, new FormData(form)));
    } catch (failure) {
      showError(UNREACHABLE);
    }
  });

  // Without the in-place path (a redirect after 3-D Secure was asked for, or a refusal).
  if (form.dataset.clientSecret) {
    button.disabled = true;
    authenticate(form.dataset.clientSecret, form.dataset.confirmUrl).catch(function () { showError(UNREACHABLE); });
  } else if (errors.textContent.trim()) {
    focusCard();
  }
})();
