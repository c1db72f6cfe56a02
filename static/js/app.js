// Page behaviour that htmx does not cover: telling the user when a request failed.
(function () {
  function showAlert(text) {
    const region = document.getElementById("messages");
    if (!region) return;
    const alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible fade show";
    alert.setAttribute("role", "alert");
    alert.textContent = text;
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", "Close");
    alert.appendChild(close);
    region.appendChild(alert);
  }

  // htmx ignores error responses by default, so a failed save would look like nothing happened.
  document.addEventListener("htmx:responseError", function (event) {
    const status = event.detail.xhr.status;
    const contentType = event.detail.xhr.getResponseHeader("Content-Type") || "";
    if ((status === 400 || status === 403) && contentType.startsWith("text/plain") && event.detail.xhr.responseText) {
      showAlert(event.detail.xhr.responseText.slice(0, 300));
    } else if (status === 400) {
      const parsed = new DOMParser().parseFromString(event.detail.xhr.responseText || "", "text/html");
      const text = (parsed.body.textContent || "").trim().replace(/\s+/g, " ");
      showAlert(text ? text.slice(0, 300) : "That request was not understood. Reload the page and try again.");
    } else if (status === 403) {
      showAlert("Your session has expired or the form was stale. Reload the page and try again.");
    } else if (status === 404) {
      showAlert("That item no longer exists. Reload the page.");
    } else {
      showAlert("Something went wrong on our side (error " + status + "). Nothing was lost; try again.");
    }
  });
  document.addEventListener("htmx:sendError", function () {
    showAlert("Could not reach Rebound. Check your connection and try again.");
  });
})();
