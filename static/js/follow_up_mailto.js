// "Open in your email app" on a follow-up: the mailto: link follows the recipient, subject and
// body as they are edited on the page. Without JavaScript the link keeps the message the server
// rendered, and a note says so; with it, the note goes.
(function () {
  // Line breaks as CRLF, as RFC 6068 asks (the server's link does the same).
  function encode(text) {
    return encodeURIComponent(text.replace(/\r?\n/g, "\r\n"));
  }

  function setUp(link) {
    const to = document.getElementById(link.dataset.mailtoTo);
    const subject = document.getElementById(link.dataset.mailtoSubject);
    const body = document.getElementById(link.dataset.mailtoBody);
    if (!to || !subject || !body) return;
    function update() {
      link.href =
        "mailto:" + encodeURIComponent(to.value.trim()).replace(/%40/g, "@") +
        "?subject=" + encode(subject.value) + "&body=" + encode(body.value);
    }
    [to, subject, body].forEach(function (field) {
      field.addEventListener("input", update);
    });
    // The browser may have restored edits (back button) before this runs.
    update();
    const note = document.getElementById(link.dataset.mailtoNote);
    if (note) note.hidden = true;
  }

  document.querySelectorAll("a[data-mailto-body]").forEach(setUp);
})();
