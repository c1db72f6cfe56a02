// The "Copy" button of a follow-up draft: copies the subject and body as they are now.
// Without the Clipboard API (an insecure origin, an old browser) it selects the body instead,
// so the user can copy it by hand.
(function () {
  function fallback(body, status) {
    body.focus();
    body.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    status.textContent = copied ? "Copied the body" : "Selected: press Ctrl+C (⌘C on a Mac) to copy";
  }

  function setUp(button) {
    const subject = document.getElementById(button.dataset.copySubject);
    const body = document.getElementById(button.dataset.copyBody);
    const status = document.getElementById(button.dataset.copyStatus);
    if (!subject || !body || !status) return;
    let clearTimer = null;
    button.hidden = false;
    button.addEventListener("click", function () {
      const text = "Subject: " + subject.value + "\n\n" + body.value;
      status.textContent = "";
      window.clearTimeout(clearTimer);
      const done = function () {
        clearTimer = window.setTimeout(function () { status.textContent = ""; }, 4000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { status.textContent = "Copied"; done(); },
          function () { fallback(body, status); done(); }
        );
      } else {
        fallback(body, status);
        done();
      }
    });
  }

  document.querySelectorAll("button[data-copy-body]").forEach(setUp);
})();
