// Before the page is left, a form marked data-warn-unsaved that has changes not yet sent makes
// the browser ask first (a link, another form's button, closing the tab). Sending the form
// itself, with any of its buttons, is not leaving it.
for (const form of document.querySelectorAll("form[data-warn-unsaved]")) {
  let changed = false;
  form.addEventListener("input", () => {
    changed = true;
  });
  form.addEventListener("submit", () => {
    changed = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (changed) {
      event.preventDefault();
    }
  });
}
