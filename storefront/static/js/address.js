// Choosing another country shows that country's address fields at once: the server renders
// them (what was typed is kept) and they replace the old ones in place, so the card field
// below is left as it was. Without JavaScript the "Show the fields" button does the same.
(function () {
  "use strict";
  var form = document.getElementById("details-form");
  var fields = document.getElementById("details-fields");
  if (!form || !fields) return;

  function hideChangeButton() {
    var change = form.querySelector("button[name=change_country]");
    if (change) change.parentNode.hidden = true;
  }

  async function redraw(country) {
    var body = new FormData(form);
    body.append("change_country", "1");
    try {
      var response = await fetch(form.action, {
        method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" },
      });
      var answer = await response.json();
      if (!answer.fields_html) throw new Error("no fields");
      fields.innerHTML = answer.fields_html;
      hideChangeButton();
      var select = form.querySelector("select[name=country]");
      if (select) select.focus();
    } catch (failure) {
      // The shop could not be reached in place: the whole page asks for the fields instead.
      var change = form.querySelector("button[name=change_country]");
      if (change) change.click();
    }
  }

  hideChangeButton();
  form.addEventListener("change", function (event) {
    if (event.target.name === "country") redraw(event.target.value);
  });

  // The error summary's links move focus to their field (a link to #id alone only scrolls).
  form.addEventListener("click", function (event) {
    var link = event.target.closest("#error-summary a[href^='#']");
    var field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "center" });
  });
})();
