// Choosing another country shows that country's address fields at once (the server renders
// them; without JavaScript the "Show the fields" button does the same).
(function () {
  var form = document.getElementById("details-form");
  if (!form) return;
  var country = form.querySelector("select[name=country]");
  var change = form.querySelector("button[name=change_country]");
  if (!country || !change) return;
  change.parentNode.hidden = true;
  country.addEventListener("change", function () {
    if (form.requestSubmit) form.requestSubmit(change); else change.click();
  });
})();

// The error summary's links move focus to their field (a link to #id alone only scrolls).
(function () {
  var summary = document.getElementById("error-summary");
  if (!summary) return;
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "center" });
  });
})();
