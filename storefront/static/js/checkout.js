// The one-page checkout saves as the buyer goes: once the address is complete, or the shipping
// method changes, the form is sent in place (fetch) and Saleor's answer redraws the shipping
// options, the summary and the amount on the Pay button. Pressing Pay saves first
// (QLCheckout.save): every error comes back at once, shown with the summary at the top of the
// form and focus on the first field; the card is taken only after a save that went through.
(function () {
  "use strict";
  var form = document.getElementById("details-form");
  if (!form || !window.fetch) return;
  var saveRow = document.getElementById("save-details");
  if (saveRow) saveRow.hidden = true;
  var UNREACHABLE = "We couldn't reach the shop. Please check your connection and try again.";
  var lastSaved = null;
  var queue = Promise.resolve(true);
  var timer = null;

  function sent() {
    var body = new FormData(form);
    var parts = [];
    body.forEach(function (value, name) { if (name !== "csrfmiddlewaretoken") parts.push(name + "=" + value); });
    return { body: body, key: parts.join("&") };
  }

  function complete() {
    var needed = form.querySelectorAll("#details-fields input[required], #details-fields select[required]");
    return Array.prototype.every.call(needed, function (field) { return field.value.trim() !== ""; });
  }

  function replace(id, html) {
    var old = document.getElementById(id);
    if (!old || !html) return;
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    old.replaceWith(holder.firstElementChild);
  }

  function redraw(answer) {
    var focusedMethod = document.activeElement && document.activeElement.name === "shipping_method";
    replace("shipping-options", answer.shipping_html);
    replace("summary-box", answer.summary_html);
    replace("summary-bar", answer.summary_bar_html);
    var pay = document.getElementById("pay-button");
    if (pay && answer.pay_label) pay.textContent = answer.pay_label;
    if (focusedMethod) {
      var checked = form.querySelector("input[name=shipping_method]:checked");
      if (checked) checked.focus({ preventScroll: true });
    }
  }

  // A refusal with no field to show it at: said beside the Pay button, where the buyer is.
  function tell(message) {
    var where = document.getElementById("card-errors");
    if (where) where.textContent = message;
  }

  function showErrors(answer) {
    var fields = document.getElementById("details-fields");
    fields.innerHTML = answer.fields_html;
    var change = form.querySelector("button[name=change_country]");
    if (change) change.parentNode.hidden = true;
    var summary = document.getElementById("error-summary");
    if (summary) summary.scrollIntoView({ block: "start" });
    var first = fields.querySelector("[autofocus]") || fields.querySelector("[aria-invalid=true]");
    if (first) first.focus({ preventScroll: !!summary });
  }

  // Sends the form; true once Saleor holds it. `loud`: show the errors (Pay, Enter), not
  // while the buyer is still typing.
  async function send(loud) {
    var sending = sent();
    if (!loud && sending.key === lastSaved) return true;
    var response;
    try {
      response = await fetch(form.action, {
        method: "POST", body: sending.body, credentials: "same-origin", headers: { Accept: "application/json" },
      });
    } catch (failure) {
      if (loud) tell(UNREACHABLE);
      return false;
    }
    var answer = await response.json().catch(function () { return {}; });
    if (response.ok) {
      lastSaved = sending.key;
      redraw(answer);
      return true;
    }
    if (loud && answer.fields_html) showErrors(answer);
    else if (loud) tell(answer.error || UNREACHABLE);
    return false;
  }

  function save(loud) {
    queue = queue.then(function () { return send(loud); }, function () { return send(loud); });
    return queue;
  }

  // Saved when a field is left, or when typing stops, once every field the country needs is filled.
  function later(event, wait) {
    var name = event.target.name;
    if (name === "country") return; // address.js redraws the fields first
    clearTimeout(timer);
    if (name === "shipping_method") { save(false); return; }
    if (complete()) timer = setTimeout(function () { save(false); }, wait);
  }
  form.addEventListener("change", function (event) { later(event, 200); });
  form.addEventListener("input", function (event) { if (event.target.type !== "radio") later(event, 800); });

  form.addEventListener("submit", function (event) {
    if (event.submitter && event.submitter.name === "change_country") return;
    event.preventDefault();
    clearTimeout(timer);
    save(true);
  });

  window.QLCheckout = { save: function () { clearTimeout(timer); return save(true); } };
})();
