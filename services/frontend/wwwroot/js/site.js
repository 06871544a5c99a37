// Behaviour shared by every page. No inline script anywhere: the CSP forbids it.
"use strict";

// Colours come from data attributes (already validated as #rrggbb by the server):
// setting style through the DOM is allowed by the CSP, inline style attributes are not.
function applyColors(root) {
  root.querySelectorAll("[data-color]").forEach(function (element) {
    var color = element.getAttribute("data-color");
    if (/^#[0-9a-fA-F]{6}$/.test(color)) {
      if (element.classList.contains("swatch")) {
        element.style.backgroundColor = color;
      } else {
        element.style.borderColor = color;
      }
    }
  });
}

// Delete capabilities this browser holds: { objectName: token }, written by the upload page. The
// token is the only proof of ownership there is (no accounts), so it never leaves this origin.
var deleteTokensKey = "picadaily.deleteTokens";

function heldDeleteTokens() {
  try {
    return JSON.parse(window.localStorage.getItem(deleteTokensKey) || "{}") || {};
  } catch (e) {
    return {};
  }
}

function holdDeleteToken(name, token) {
  if (!name || !token) {
    return;
  }
  var tokens = heldDeleteTokens();
  tokens[name] = token;
  try {
    window.localStorage.setItem(deleteTokensKey, JSON.stringify(tokens));
  } catch (e) { /* Storage full or disabled: the key shown on the page is all there is. */ }
}

// Upload results rendered by the server (the form posted without the upload script) carry their keys.
function holdRenderedDeleteTokens(root) {
  root.querySelectorAll("[data-delete-token]").forEach(function (element) {
    holdDeleteToken(element.getAttribute("data-name"), element.getAttribute("data-delete-token"));
  });
}

// Delete forms are hidden unless the server knows an admin; show the ones whose token this browser holds.
function revealOwnDeleteForms(root) {
  var tokens = heldDeleteTokens();
  root.querySelectorAll("form[data-delete-for]").forEach(function (form) {
    var token = tokens[form.getAttribute("data-delete-for")];
    if (token) {
      form.querySelector("input[name='deleteToken']").value = token;
      form.hidden = false;
    }
  });
}

// Forms that destroy something ask first.
function confirmDestructiveForms(root) {
  root.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
}

// Replaces a region with fresh server-rendered HTML (already encoded by the server).
function refreshRegion(region) {
  var url = region.getAttribute("data-refresh-url");
  if (!url) {
    return;
  }
  // Two updates in quick succession fetch twice, and the older answer may arrive last: only the
  // answer to the newest request is shown, or a picture that just appeared would vanish again.
  var requested = region.refreshRequests = (region.refreshRequests || 0) + 1;
  fetch(url, { headers: { "Accept": "text/html" }, cache: "no-store" })
    .then(function (response) { return response.ok ? response.text() : null; })
    .then(function (html) {
      if (html !== null && requested === region.refreshRequests) {
        region.innerHTML = html;
        applyColors(region);
        revealOwnDeleteForms(region);
        confirmDestructiveForms(region);
        document.dispatchEvent(new CustomEvent("picadaily:refreshed", { detail: region.id }));
      }
    })
    .catch(function () { /* The next update or a reload will try again. */ });
}

// Live updates: the server says which picture changed; each page decides what to refresh.
function listenForUpdates() {
  var gallery = document.querySelector("[data-live='gallery']");
  var timeline = document.querySelector("[data-live='timeline']");
  var collage = document.querySelector("[data-live='collage']");
  if (!gallery && !timeline && !collage || !window.EventSource) {
    return;
  }
  // Naming the picture whose page is open lets its updates through even while it is hidden from the gallery.
  // Starting after where the timeline stood when the page was drawn replays what was recorded meanwhile.
  var query = [];
  if (timeline) {
    query.push("picture=" + encodeURIComponent(timeline.getAttribute("data-picture")));
  }
  var after = document.body.getAttribute("data-live-after");
  if (after) {
    query.push("after=" + encodeURIComponent(after));
  }
  var source = new EventSource("/api/live" + (query.length ? "?" + query.join("&") : ""));
  source.addEventListener("ready", function () {
    document.body.setAttribute("data-live-ready", "true");
  });
  // More was missed while disconnected than the server replays: start afresh.
  source.addEventListener("reload", function () {
    window.location.reload();
  });
  source.addEventListener("picture", function (message) {
    var update = JSON.parse(message.data);
    if (gallery && update.galleryChanged) {
      refreshRegion(gallery);
    }
    if (timeline && update.picture === timeline.getAttribute("data-picture")) {
      refreshRegion(timeline);
    }
    if (collage && update.kind === "in-collage") {
      window.location.reload();
    }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  applyColors(document);
  holdRenderedDeleteTokens(document);
  revealOwnDeleteForms(document);
  confirmDestructiveForms(document);
  listenForUpdates();
});
