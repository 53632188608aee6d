// The wall screen's columns page through by themselves: every PAGE_SECONDS a column whose
// cards do not fit shows its next screenful, and after the last its first again. The column's
// heading says which page is shown. Read afresh on every turn, so it goes on after htmx has
// swapped in the reloaded board. With reduced motion the page changes without scrolling.
const PAGE_SECONDS = 15;
const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;

function pageNumber(cards) {
  const pages = Math.ceil(cards.scrollHeight / cards.clientHeight);
  const shown = Math.min(pages, Math.round(cards.scrollTop / cards.clientHeight) + 1);
  const label = cards.closest("section").querySelector(".board-screen__page-number");
  if (label) {
    label.textContent = pages > 1 ? `${shown}/${pages}` : "";
  }
}

function turnPages() {
  for (const cards of document.querySelectorAll("[data-board-pages]")) {
    if (cards.scrollHeight <= cards.clientHeight + 1) {
      pageNumber(cards);
      continue;
    }
    const atEnd = cards.scrollTop + cards.clientHeight >= cards.scrollHeight - 1;
    cards.scrollTo({
      top: atEnd ? 0 : cards.scrollTop + cards.clientHeight,
      behavior: smooth ? "smooth" : "instant",
    });
    window.setTimeout(() => pageNumber(cards), smooth ? 800 : 0);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const cards of document.querySelectorAll("[data-board-pages]")) {
    pageNumber(cards);
  }
});
document.body.addEventListener("htmx:afterSwap", () => {
  for (const cards of document.querySelectorAll("[data-board-pages]")) {
    pageNumber(cards);
  }
});
window.setInterval(turnPages, PAGE_SECONDS * 1000);
