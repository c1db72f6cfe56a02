// Reflection sections save themselves through htmx. This script keeps the "Saving…" / "Saved"
// status honest while the user types, and sends any section with unsaved edits when the page
// is hidden or closed, so nothing typed is lost.
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
    if (form) form.dataset.sentEdits = form.dataset.edits || "0";
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
})();
