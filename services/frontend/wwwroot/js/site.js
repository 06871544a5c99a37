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

// Forms that destroy something ask first.
function confirmDestructiveForms() {
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
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
  fetch(url, { headers: { "Accept": "text/html" }, cache: "no-store" })
    .then(function (response) { return response.ok ? response.text() : null; })
    .then(function (html) {
      if (html !== null) {
        region.innerHTML = html;
        applyColors(region);
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
  var source = new EventSource("/api/live");
  source.addEventListener("ready", function () {
    document.body.setAttribute("data-live-ready", "true");
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
  confirmDestructiveForms();
  listenForUpdates();
});
