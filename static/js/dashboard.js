// The dashboard: its table of contents, and the scroll position kept across "open a number,
// then Back" although the panels load after the page does.
(function () {
  "use strict";

  const STORAGE_PREFIX = "rebound:dashboard-scroll:";
  // Restore once the panels have arrived, or after this long whatever happened.
  const RESTORE_TIMEOUT_MS = 4000;

  function storageKey() {
    return STORAGE_PREFIX + location.pathname + location.search;
  }

  function saveScroll() {
    try {
      sessionStorage.setItem(storageKey(), String(Math.round(window.scrollY)));
    } catch (error) {
      // Storage full or disabled: Back simply starts at the top.
    }
  }

  function savedScroll() {
    try {
      const value = sessionStorage.getItem(storageKey());
      return value === null ? null : parseInt(value, 10);
    } catch (error) {
      return null;
    }
  }

  function pendingPanels() {
    return document.querySelectorAll(".dashboard-panel-placeholder");
  }

  // The browser would restore the scroll before the panels exist, and land short of it.
  if ("scrollRestoration" in history) {
    history.scrollRestoration = "manual";
  }

  window.addEventListener("pagehide", saveScroll);
  // Before following a link (a number, a panel's own page), in case pagehide comes late.
  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (link && !link.getAttribute("href").startsWith("#")) saveScroll();
  }, true);

  function restoreScroll(position) {
    let done = false;
    function scrollThere() {
      if (done) return;
      done = true;
      document.body.removeEventListener("htmx:afterSettle", whenSettled);
      // Instantly: Bootstrap makes scrolling smooth, and a long glide would look like a jump.
      window.scrollTo({ top: position, left: 0, behavior: "instant" });
    }
    function whenSettled() {
      if (pendingPanels().length === 0) scrollThere();
    }
    document.body.addEventListener("htmx:afterSettle", whenSettled);
    // Panels below the first screen wait to be scrolled into view: load them all now, as
    // the position to restore may lie below them.
    pendingPanels().forEach(function (placeholder) {
      htmx.trigger(placeholder, "panel-load-now");
    });
    window.setTimeout(scrollThere, RESTORE_TIMEOUT_MS);
    whenSettled();
  }

  // A table-of-contents link scrolls to its panel and moves the focus there, without adding
  // a history entry: Back leaves the dashboard, as one would expect of a page's contents.
  function followTocLink(event) {
    const link = event.target instanceof Element ? event.target.closest(".dashboard-toc-link") : null;
    if (!link) return;
    // A new tab or window asked for: the browser's own way.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
    const target = document.getElementById(link.hash.slice(1));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: "start" });
    focusPanelHeading(target);
    // A placeholder is about to be swapped for its panel: focus the panel's heading then too.
    panelAwaitingFocus = target.classList.contains("dashboard-panel-placeholder") ? target.id : "";
    // Keep htmx's state on the entry, or Back to it would not restore the panels.
    history.replaceState(history.state, "", link.hash);
  }

  let panelAwaitingFocus = "";

  function focusPanelHeading(panel) {
    const heading = panel.querySelector("h2") || panel;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }

  document.addEventListener("click", followTocLink);
  document.addEventListener("htmx:afterSettle", function () {
    if (!panelAwaitingFocus) return;
    const panel = document.getElementById(panelAwaitingFocus);
    if (panel && !panel.classList.contains("dashboard-panel-placeholder")) {
      panelAwaitingFocus = "";
      // Only if the swap took the focus away, never from where the user has moved it since.
      const active = document.activeElement;
      if (!active || active === document.body) focusPanelHeading(panel);
    }
  });

  // Only coming Back (or reloading) restores: a fresh visit starts at the top.
  function cameBack() {
    const entries = performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    const type = entries.length ? entries[0].type : "";
    return type === "back_forward" || type === "reload";
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!cameBack()) return;
    const position = savedScroll();
    if (position === null || position <= 0) return;
    // After htmx has set up the panels' triggers (it listens for this event first).
    window.setTimeout(function () {
      restoreScroll(position);
    }, 0);
  });

  // A page restored whole from the back-forward cache keeps its panels and its position.
})();
