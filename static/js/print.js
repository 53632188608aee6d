// «Print» buttons (data-print): shown only where this script runs, since without it they
// would do nothing; the browser's own print menu gives the same page.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});
