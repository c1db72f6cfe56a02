// The interview form: its format follows its stage (a phone screen is a phone call) until the
// person picks a format themselves. The stage select carries the format each stage implies
// (data-format-for-stage, from applications.forms.FORMAT_FOR_STAGE); the format select is
// marked data-follows-stage. The listener is delegated, so forms htmx swaps in later work too.
(function () {
  function impliedFormat(stageSelect, stage) {
    try {
      return JSON.parse(stageSelect.dataset.formatForStage || "{}")[stage] || "";
    } catch (error) {
      return "";
    }
  }

  // The value the page was served with (the option marked selected in the HTML).
  function servedValue(select) {
    const served = Array.from(select.options).find(function (option) {
      return option.defaultSelected;
    });
    return served ? served.value : select.options.length ? select.options[0].value : "";
  }

  // Untouched: the person has not picked a format here, and the format served is the one its
  // stage implies (a saved interview whose format differs from its stage keeps it).
  function untouched(stageSelect, formatSelect) {
    if (formatSelect.dataset.touched === "yes") return false;
    return servedValue(formatSelect) === impliedFormat(stageSelect, servedValue(stageSelect));
  }

  document.addEventListener("change", function (event) {
    const target = event.target;
    if (!(target instanceof HTMLSelectElement) || !target.form) return;
    if (target.matches("select[data-follows-stage]")) {
      // A change event comes from the person, never from the value set below.
      target.dataset.touched = "yes";
      return;
    }
    if (!target.matches("select[data-format-for-stage]")) return;
    const formatSelect = target.form.querySelector("select[data-follows-stage]");
    const format = impliedFormat(target, target.value);
    if (formatSelect && format && untouched(target, formatSelect)) {
      formatSelect.value = format;
    }
  });
})();
