// Reflection sections save themselves through htmx. This script keeps the "Saving…" / "Saved"
// status honest while the user types, sends any section with unsaved edits when the page
// is hidden or closed, and makes moving to another section save first, so nothing typed is lost.
(function () {
  const FORMS = "form.reflection-section-form";

  function statusOf(form) {
    return form.querySelector('[id^="section-status-"]');
  }

  function showSaving(form) {
    const status = statusOf(form);
    if (status) {
      status.textContent = "Saving…";
      status.classList.add("text-body-secondary");
    }
  }

  function markEdited(event) {
    const form = event.target.closest(FORMS);
    if (!form) return;
    form.dataset.edits = String(Number(form.dataset.edits || 0) + 1);
    showSaving(form);
  }

  // Capture phase: count the edit before htmx (listening on the form) starts a save for it.
  document.addEventListener("input", markEdited, true);
  document.addEventListener("change", markEdited, true);

  // Remember which edits a request carries; after it, the form is clean only if no edit came since.
  document.addEventListener("htmx:configRequest", function (event) {
    const form = event.detail.elt.closest && event.detail.elt.closest(FORMS);
    if (!form) return;
    form.dataset.sentEdits = form.dataset.edits || "0";
    // htmx sends the last button clicked or focused with every request of its form: only a
    // submit (Next, Previous, a section picked from the list) may move to another section,
    // never a save as you type while focus rests on "Next".
    const triggering = event.detail.triggeringEvent;
    if (!triggering || triggering.type !== "submit") event.detail.formData.delete("go");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    const form = event.detail.elt.closest && event.detail.elt.closest(FORMS);
    if (!form) return;
    if (event.detail.successful && form.dataset.sentEdits === (form.dataset.edits || "0")) {
      form.dataset.edits = "0";
      form.dataset.sentEdits = "0";
    } else if (event.detail.successful) {
      showSaving(form); // edited while the save was on its way: another save is pending
    }
  });

  // A section picked from the list while the one shown has edits not saved yet: submit that
  // section with where to go, so the server saves it first (or says why it cannot) and then
  // shows the one picked. Without edits the link's own htmx request shows it.
  document.addEventListener(
    "click",
    function (event) {
      const link = event.target.closest && event.target.closest("a[data-section-link]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      const form = document.querySelector(FORMS);
      if (!form || Number(form.dataset.edits || 0) === 0) return;
      event.preventDefault();
      event.stopPropagation(); // capture phase: htmx's own handler on the link never runs
      let go = form.querySelector('input[type="hidden"][name="go"]');
      if (!go) {
        go = document.createElement("input");
        go.type = "hidden";
        go.name = "go";
        form.appendChild(go);
      }
      go.value = link.dataset.sectionLink;
      form.requestSubmit();
    },
    true,
  );
  // If that submit was refused or failed, the form stays: it must not move on at its next save.
  // (A save as you type that ends first is not that submit: it waited in htmx's queue.)
  document.addEventListener("htmx:afterRequest", function (event) {
    const triggering = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    if (!triggering || triggering.type !== "submit") return;
    const form = event.detail.elt.closest && event.detail.elt.closest(FORMS);
    const go = form && form.querySelector('input[type="hidden"][name="go"]');
    if (go) go.remove();
  });

  function flushUnsaved() {
    document.querySelectorAll(FORMS).forEach(function (form) {
      if (Number(form.dataset.edits || 0) === 0) return;
      const data = new FormData(form);
      data.append("autosave", "1");
      if (navigator.sendBeacon(form.action, data)) form.dataset.edits = "0";
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flushUnsaved();
  });
  window.addEventListener("pagehide", flushUnsaved);
  // Back or Forward inside the page: htmx replaces the body in the same document (no history
  // cache), so neither event above fires; save what the pending autosave would have sent.
  // Edits already on their way (Next's own save) are not sent twice.
  document.addEventListener("htmx:beforeHistorySave", function () {
    document.querySelectorAll(FORMS).forEach(function (form) {
      if ((form.dataset.edits || "0") === (form.dataset.sentEdits || "0")) return;
      if (Number(form.dataset.edits || 0) === 0) return;
      const data = new FormData(form);
      data.append("autosave", "1");
      if (navigator.sendBeacon(form.action, data)) form.dataset.edits = "0";
    });
  });
})();
