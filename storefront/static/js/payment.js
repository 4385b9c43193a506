// The card step: Stripe.js collects the card, the server confirms the payment through Saleor.
// Works with real Stripe.js (createPaymentMethod) and with localstripe's stand-in (createToken).
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") return;
  var stripe = Stripe(form.dataset.publishableKey);
  var errors = document.getElementById("card-errors");
  var button = document.getElementById("pay-button");
  var card = stripe.elements().create("card");
  card.mount("#card-element");

  function showError(message) {
    errors.textContent = message || "The card could not be used. Please check the details.";
    button.disabled = false;
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

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    if (button.disabled) return; // a second click while the first is on its way
    button.disabled = true;
    errors.textContent = "";
    var result = await paymentToken();
    if (result.error) return showError(result.error.message);
    form.elements.payment_token.value = result.id;
    form.submit();
  });

  // 3-D Secure: the server answered that the bank wants the buyer to confirm.
  if (form.dataset.clientSecret) {
    button.disabled = true;
    stripe.confirmCardPayment(form.dataset.clientSecret).then(function (result) {
      if (result && result.error) {
        showError(result.error.message || "The payment was not confirmed. Please try again.");
      } else {
        document.getElementById("confirm-form").submit();
      }
    });
  }
})();
