// The wallet button (Stripe's Express Checkout Element: Apple Pay, Google Pay, Link).
// Shown only when Stripe.js says this browser offers a wallet. Every figure in the sheet comes
// from the shop (express/views.py), which asks Saleor; the shop charges only Saleor's total.
// Stripe.js is fetched after the page has loaded, so the page's own speed does not wait on it.
(function () {
  "use strict";
  var box = document.querySelector("[data-express]");
  if (!box) return;
  var data = box.dataset;
  var message = box.querySelector(".express-message");
  var opened = null; // the start answer for the quantity chosen now
  var amount = parseInt(data.amount, 10);

  function say(text) {
    message.textContent = text || "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept": "application/json"},
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () {
        return {error: "The shop did not answer. Nothing was charged. Please try again."};
      }).then(function (answer) {
        answer.ok = response.ok;
        return answer;
      });
    }, function () {
      return {ok: false, error: "The shop could not be reached. Nothing was charged. Please try again."};
    });
  }

  function quantity() {
    var input = data.quantityInput && document.getElementById(data.quantityInput);
    var value = input ? parseInt(input.value, 10) : 1;
    return value > 0 ? value : 1;
  }

  // Asked before the click: Stripe shows the sheet only if the click is answered within a second.
  function open() {
    var wanted = quantity();
    return post(data.startUrl, {source: data.source, product: data.product || "", quantity: wanted}).then(function (answer) {
      opened = answer.ok ? {quantity: wanted, sheet: answer} : null;
      if (!answer.ok) say(answer.error);
      return answer;
    });
  }

  function mount() {
    var stripe, elements, element;
    try {
      stripe = window.Stripe(data.key);
      elements = stripe.elements({mode: "payment", amount: amount, currency: data.currency, paymentMethodCreation: "manual"});
      element = elements.create("expressCheckout", {
        emailRequired: true,
        shippingAddressRequired: true,
        allowedShippingCountries: data.countries ? data.countries.split(",") : undefined,
        buttonType: {applePay: "buy", googlePay: "buy"}
      });
      element.mount(box.querySelector(".express-element"));
    } catch (error) {
      return; // a Stripe.js without the element (localstripe's stand-in): no button
    }

    function priced(answer, event) {
      if (!answer.ok) {
        say(answer.error);
        event.reject();
        return;
      }
      say("");
      amount = answer.amount;
      elements.update({amount: amount});
      event.resolve({lineItems: answer.lineItems, shippingRates: answer.shippingRates});
    }

    element.on("ready", function (event) {
      var offered = event.availablePaymentMethods || {};
      if (!Object.keys(offered).some(function (name) { return offered[name]; })) return;
      box.hidden = false;
      open();
      var input = data.quantityInput && document.getElementById(data.quantityInput);
      if (input) input.addEventListener("change", open);
    });

    element.on("click", function (event) {
      if (!opened || opened.quantity !== quantity()) {
        open();
        say("One moment, then press the button again.");
        return;
      }
      say("");
      amount = opened.sheet.amount;
      elements.update({amount: amount});
      event.resolve({
        emailRequired: true,
        shippingAddressRequired: true,
        lineItems: opened.sheet.lineItems,
        shippingRates: opened.sheet.shippingRates
      });
    });

    element.on("cancel", function () {
      open(); // a new sheet starts from the product or cart again
    });

    element.on("shippingaddresschange", function (event) {
      var where = event.address || {};
      post(data.addressUrl, {
        country: where.country || "", state: where.state || "", city: where.city || "", postal_code: where.postal_code || ""
      }).then(function (answer) { priced(answer, event); });
    });

    element.on("shippingratechange", function (event) {
      post(data.methodUrl, {shipping_method: event.shippingRate.id}).then(function (answer) { priced(answer, event); });
    });

    function finish(answer, event) {
      if (answer.next) {
        window.location.assign(answer.next);
      } else if (answer.client_secret) {
        stripe.handleNextAction({clientSecret: answer.client_secret}).then(function (result) {
          if (result.error) {
            say(result.error.message + " Nothing was charged.");
            return;
          }
          post(answer.confirm_url, {}).then(function (next) { finish(next, null); });
        });
      } else {
        if (event) event.paymentFailed({reason: "fail", message: answer.error});
        say(answer.error);
      }
    }

    element.on("confirm", function (event) {
      elements.submit().then(function (submitted) {
        if (submitted.error) {
          say(submitted.error.message);
          return null;
        }
        return stripe.createPaymentMethod({elements: elements});
      }).then(function (result) {
        if (!result) return;
        if (result.error) {
          event.paymentFailed({reason: "fail"});
          say(result.error.message);
          return;
        }
        var shipping = event.shippingAddress || {};
        var where = shipping.address || {};
        var billing = event.billingDetails || {};
        post(data.payUrl, {
          email: billing.email || "", name: shipping.name || billing.name || "", phone: billing.phone || "",
          line1: where.line1 || "", line2: where.line2 || "", city: where.city || "", state: where.state || "",
          postal_code: where.postal_code || "", country: where.country || "",
          shipping_method: event.shippingRate ? event.shippingRate.id : "",
          payment_method: result.paymentMethod.id, amount: amount
        }).then(function (answer) { finish(answer, event); });
      });
    });
  }

  function load() {
    if (window.Stripe) {
      mount();
      return;
    }
    var script = document.createElement("script");
    script.src = data.stripeJs;
    script.onload = mount;
    document.head.appendChild(script);
  }

  var later = window.requestIdleCallback || function (run) { window.setTimeout(run, 1); };
  if (document.readyState === "complete") later(load);
  else window.addEventListener("load", function () { later(load); });
})();
