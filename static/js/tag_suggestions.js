// Suggestions for a comma-separated field (the feedback's themes and tags): a <datalist> offers
// whole values, so on its own it only helps with the first word. As the person types, each
// option becomes "what is typed up to the last comma" + the suggestion, so the browser offers
// a completion for the word being typed; words already in the field are not offered again.
// The input is marked data-suggests-each-word; the listeners are delegated, so forms htmx
// swaps in later work too.
(function () {
  function optionsOf(input) {
    const list = input.list;
    return list ? Array.from(list.options) : [];
  }

  function offerForLastWord(input) {
    const text = input.value;
    const lastComma = text.lastIndexOf(",");
    let lead = "";
    if (lastComma !== -1) {
      const after = text.slice(lastComma + 1);
      const spaces = after.match(/^\s*/)[0];
      // Nothing typed after the comma yet: offer "Experience, Skills", as a person writes it.
      lead = text.slice(0, lastComma + 1) + (after === "" ? " " : spaces);
    }
    const used = new Set(
      text
        .slice(0, Math.max(lastComma, 0))
        .split(",")
        .map(function (word) {
          return word.trim().toLowerCase();
        })
    );
    optionsOf(input).forEach(function (option) {
      if (option.dataset.suggestion === undefined) {
        option.dataset.suggestion = option.value;
      }
      const suggestion = option.dataset.suggestion;
      option.value = lead + suggestion;
      option.disabled = used.has(suggestion.toLowerCase());
    });
  }

  function isCommaSeparated(target) {
    return target instanceof HTMLInputElement && target.matches("input[data-suggests-each-word]");
  }

  ["input", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (isCommaSeparated(event.target)) offerForLastWord(event.target);
    });
  });
})();
