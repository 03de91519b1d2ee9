/* Instrument editor: a warning before leaving with unsaved changes.
   Everything else (add, remove, move, preview, save) works without JavaScript; htmx posts the
   form to the preview endpoint while typing (see hx-* attributes in instrument_edit.html). */
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  if (!form) { return; }
  var dirty = form.dataset.unsaved === "true";  // a re-shown draft is not saved yet
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
