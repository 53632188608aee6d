// Nothing typed is lost: before the page is left (a link, another form's button, closing the
// tab), the browser asks first if a form marked data-warn-unsaved holds text not yet sent.
// Sending that form itself, with any of its buttons (also one outside it, form="…"), is not
// leaving it. Loaded once by base.html, so any page can mark a form.
//
// A form is compared with what the page brought (each field's default), not watched for
// keystrokes: typing and deleting again is no change, and a form that htmx puts in later is
// covered too. A form that came back with an error holds what was typed but refused, so it
// counts as unsent as long as one of its text fields is filled in.
(() => {
  let leavingWith = null;

  const textFilled = (field) =>
    (field.tagName === "TEXTAREA" || ["text", "email", "url", "tel", "number", "search", "date", "datetime-local"].includes(field.type)) &&
    field.value.trim() !== "";

  const changed = (field) => {
    if (field.type === "checkbox" || field.type === "radio") {
      return field.checked !== field.defaultChecked;
    }
    if (field.tagName === "SELECT") {
      const options = Array.from(field.options);
      if (field.multiple) {
        return options.some((option) => option.selected !== option.defaultSelected);
      }
      // A list with no option marked selected starts on its first one.
      return field.selectedIndex !== Math.max(0, options.findLastIndex((option) => option.defaultSelected));
    }
    if (field.type === "file") {
      return field.value !== "";
    }
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") {
      return false;
    }
    return "defaultValue" in field && field.value !== field.defaultValue;
  };

  const unsent = (form) => {
    const fields = Array.from(form.elements);
    if (fields.some(changed)) {
      return true;
    }
    return form.querySelector('[aria-invalid="true"]') !== null && fields.some(textFilled);
  };

  // Listening on the document, after the form's own listeners: a submit that htmx (or anything
  // else) handles in place leaves the page where it is, so it is not counted as leaving.
  document.addEventListener("submit", (event) => {
    if (!event.defaultPrevented) {
      leavingWith = event.target;
    }
  });
  window.addEventListener("pageshow", () => {
    leavingWith = null;
  });
  window.addEventListener("beforeunload", (event) => {
    for (const form of document.querySelectorAll("form[data-warn-unsaved]")) {
      if (form !== leavingWith && unsent(form)) {
        event.preventDefault();
        return;
      }
    }
  });
})();
