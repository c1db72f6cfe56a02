// Page behaviour that htmx does not cover: showing that a request runs, keeping a form from
// being sent twice, telling the user when a request failed, and putting focus somewhere
// sensible after a swap.
(function () {
  const messages = () => document.getElementById("messages");

  // One message per text: an autosave that keeps failing while offline says so once.
  function showAlert(text) {
    const region = messages();
    if (!region) return;
    for (const shown of region.querySelectorAll("[data-request-error]")) {
      if (shown.firstChild && shown.firstChild.textContent === text) shown.remove();
    }
    const alert = document.createElement("div");
    alert.className = "alert alert-danger alert-dismissible fade show";
    alert.setAttribute("data-request-error", "");
    alert.appendChild(document.createTextNode(text));
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn-close";
    close.setAttribute("data-bs-dismiss", "alert");
    close.setAttribute("aria-label", "Close");
    alert.appendChild(close);
    region.appendChild(alert);
  }

  function isSave(detail) {
    const verb = detail.requestConfig && detail.requestConfig.verb;
    return verb !== undefined && verb.toLowerCase() !== "get";
  }

  // Feedback while waiting. htmx:beforeSend comes after every listener could cancel the
  // request, and the request's own loadend always follows (success, error, abort or timeout),
  // even when the element that asked was swapped out and its htmx:afterRequest reaches no one.
  let running = 0;
  document.addEventListener("htmx:beforeSend", function (event) {
    const xhr = event.detail.xhr;
    running += 1;
    document.documentElement.classList.add("requests-running");
    const disabled = disableSubmitButtons(event.detail);
    xhr.addEventListener("loadend", function () {
      running = Math.max(0, running - 1);
      if (running === 0) document.documentElement.classList.remove("requests-running");
      for (const button of disabled) button.disabled = false;
      if (disabled.length) disabled[0].form?.removeAttribute("aria-busy");
    });
  });

  // A form sent by its user (submitted, or one of its buttons clicked) cannot be sent again
  // until the answer is in. Forms that say what to disable (hx-disabled-elt) are left to htmx;
  // forms that save or filter as you type are not submissions, so their buttons stay usable.
  function disableSubmitButtons(detail) {
    const elt = detail.elt;
    const triggering = detail.requestConfig && detail.requestConfig.triggeringEvent;
    let form = null;
    if (elt instanceof HTMLFormElement && triggering && triggering.type === "submit") {
      form = elt;
    } else if ((elt instanceof HTMLButtonElement || elt instanceof HTMLInputElement) && elt.type === "submit" && triggering && triggering.type === "click") {
      form = elt.form;
    }
    if (!form || elt.closest("[hx-disabled-elt], [data-hx-disabled-elt]")) return [];
    const buttons = [...form.elements].filter(
      (control) => (control instanceof HTMLButtonElement || control instanceof HTMLInputElement) && control.type === "submit" && !control.disabled,
    );
    for (const button of buttons) button.disabled = true;
    if (buttons.length) form.setAttribute("aria-busy", "true");
    return buttons;
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
    } else if (isSave(event.detail)) {
      showAlert("Could not save: the server had a problem (error " + status + "). Nothing was lost; try again.");
    } else {
      showAlert("Could not load this part of the page: the server had a problem (error " + status + "). Reload the page to try again.");
    }
  });
  function showOffline(event) {
    showAlert(
      isSave(event.detail)
        ? "You seem to be offline: Rebound could not be reached, so this was not saved. What you typed is still here; try again when you are back online."
        : "You seem to be offline: Rebound could not be reached. Check your connection and try again.",
    );
  }
  document.addEventListener("htmx:sendError", showOffline);
  document.addEventListener("htmx:timeout", showOffline);

  // Focus after a swap. htmx focuses an [autofocus] element in new content itself; this adds
  // the rest for swaps the user asked for that replace the main area or a form: the first
  // [autofocus], else the swapped element when it takes focus (tabindex="-1"), else nothing.
  // Content that loads itself (the dashboard's panels, hx-trigger="load" or "revealed") never
  // takes focus: whatever htmx's autofocus moved is put back.
  const swaps = new WeakMap();
  const selfLoadingTriggers = ["load", "revealed", "intersect"];

  // Where the swap lands and where focus was, before htmx replaces anything.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const target = event.detail.target;
    if (!(target instanceof Element)) return;
    swaps.set(event.detail.xhr, {
      target: target,
      parent: target.parentElement,
      previous: target.previousElementSibling,
      focused: document.activeElement,
    });
  });

  // The element the swap put in place of its target: the target itself, or for an outerHTML
  // swap the new element with its id, or the one now standing where it stood.
  function swappedElement(swap) {
    if (swap.target.isConnected) return swap.target;
    if (swap.target.id && document.getElementById(swap.target.id)) return document.getElementById(swap.target.id);
    if (swap.previous && swap.previous.isConnected) return swap.previous.nextElementSibling;
    return swap.parent ? swap.parent.firstElementChild : null;
  }

  // htmx:afterSettle fires once per settled element (out-of-band ones too); act once per swap.
  document.addEventListener("htmx:afterSettle", function (event) {
    const detail = event.detail;
    const swap = detail.xhr && swaps.get(detail.xhr);
    if (!swap) return;
    swaps.delete(detail.xhr);

    const triggering = detail.requestConfig && detail.requestConfig.triggeringEvent;
    if (!triggering || selfLoadingTriggers.includes(triggering.type)) {
      const before = swap.focused;
      if (before instanceof HTMLElement && before !== document.body && before.isConnected && document.activeElement !== before) {
        before.focus({ preventScroll: true });
      }
      return;
    }
    const swapped = swappedElement(swap);
    if (!(swapped instanceof HTMLElement)) return;
    const active = document.activeElement;
    if (active && active !== document.body && swapped.contains(active)) return; // htmx already placed it
    const requester = detail.requestConfig.elt;
    const replacedMainOrForm =
      swapped.matches("main, #main, form") ||
      swapped.querySelector("form") !== null ||
      (requester instanceof Element && (!requester.isConnected || swapped.contains(requester)));
    if (!replacedMainOrForm) return;
    const autofocused = swapped.matches("[autofocus]") ? swapped : swapped.querySelector("[autofocus]");
    if (autofocused instanceof HTMLElement) {
      autofocused.focus();
    } else if (swapped.getAttribute("tabindex") === "-1") {
      swapped.focus();
    }
  });
})();
