// A one-click button acts once. The second click of a double click (event.detail 2 and up)
// is dropped before it reaches the form: by then htmx may have swapped in the next row's
// button, or the Undo of what the first click did, under the cursor. Keyboard presses
// (detail 0) and deliberate separate clicks (detail 1) act as usual.
(function () {
  document.addEventListener(
    "click",
    function (event) {
      if (event.detail > 1 && event.target instanceof Element && event.target.closest("[data-one-click]")) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true,
  );
})();
