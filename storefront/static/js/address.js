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
