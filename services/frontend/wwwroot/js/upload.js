// Upload page: several files (picker or drag and drop), one request per file for its own progress
// bar and result. Limits are checked here first, and again by the server.
"use strict";

(function () {
  var form = document.getElementById("upload-form");
  var input = document.getElementById("pictures");
  var dropZone = document.getElementById("drop-zone");
  var results = document.getElementById("upload-results");
  if (!form || !input || !dropZone || !results) {
    return;
  }
  var maxFileBytes = Number(form.getAttribute("data-max-file-bytes"));
  var maxFiles = Number(form.getAttribute("data-max-files"));
  var uploadUrl = form.getAttribute("data-upload-url");
  var tokenInput = form.querySelector("input[name='__RequestVerificationToken']");

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(1);
  }

  // Text only (textContent), never HTML: a file name is data, whatever characters it holds.
  function addRow(file) {
    var row = document.createElement("li");
    var name = document.createElement("span");
    name.className = "file-name";
    name.textContent = file.name;
    var status = document.createElement("span");
    status.className = "status";
    status.textContent = ": waiting";
    row.appendChild(name);
    row.appendChild(status);
    results.appendChild(row);
    return { row: row, status: status };
  }

  function reject(view, reason) {
    view.row.className = "rejected";
    view.status.textContent = ": rejected, " + reason;
  }

  function accept(view, result) {
    // The delete key comes this once: kept in this browser, it is what shows this picture's Delete button.
    holdDeleteToken(result.name, result.deleteToken);
    view.row.className = "accepted";
    view.status.textContent = ": accepted as ";
    var link = document.createElement("a");
    link.href = "/pictures/" + result.name.split("/").map(encodeURIComponent).join("/");
    link.textContent = result.name;
    view.status.appendChild(link);
  }

  function send(file, view) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append("pictures", file, file.name);
      var request = new XMLHttpRequest();
      var progress = document.createElement("progress");
      progress.max = 100;
      progress.value = 0;
      view.status.textContent = ": uploading";
      view.row.appendChild(progress);
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          progress.value = Math.round((event.loaded / event.total) * 100);
        }
      });
      request.addEventListener("load", function () {
        progress.remove();
        var body = null;
        try { body = JSON.parse(request.responseText); } catch (e) { body = null; }
        if (request.status === 200 && body && body.results && body.results.length === 1) {
          var result = body.results[0];
          if (result.accepted) { accept(view, result); } else { reject(view, result.reason); }
        } else if (request.status === 413) {
          reject(view, "too large for one upload");
        } else if (request.status === 429) {
          reject(view, "too many uploads: try again in " + (request.getResponseHeader("Retry-After") || "a few") + " s");
        } else {
          reject(view, (body && (body.title || body.detail)) || ("the server answered " + request.status));
        }
        resolve();
      });
      request.addEventListener("error", function () {
        progress.remove();
        reject(view, "the upload failed; check the connection and try again");
        resolve();
      });
      request.open("POST", uploadUrl);
      if (tokenInput) {
        request.setRequestHeader("RequestVerificationToken", tokenInput.value);
      }
      request.send(data);
    });
  }

  function uploadAll(files) {
    var list = Array.prototype.slice.call(files);
    var chain = Promise.resolve();
    list.forEach(function (file, index) {
      var view = addRow(file);
      if (index >= maxFiles) {
        reject(view, "too many files: at most " + maxFiles + " per upload");
      } else if (file.size === 0) {
        reject(view, "empty file: zero bytes");
      } else if (file.size > maxFileBytes) {
        reject(view, "too large: " + megabytes(file.size) + " MB, the limit is " + megabytes(maxFileBytes) + " MB");
      } else {
        chain = chain.then(function () { return send(file, view); });
      }
    });
    return chain.then(function () { document.body.setAttribute("data-uploads-done", String(results.children.length)); });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (input.files.length > 0) {
      uploadAll(input.files);
      input.value = "";
    }
  });

  ["dragenter", "dragover"].forEach(function (type) {
    dropZone.addEventListener(type, function (event) {
      event.preventDefault();
      dropZone.classList.add("is-dragover");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    dropZone.addEventListener(type, function (event) {
      event.preventDefault();
      dropZone.classList.remove("is-dragover");
    });
  });
  dropZone.addEventListener("drop", function (event) {
    if (event.dataTransfer && event.dataTransfer.files.length > 0) {
      uploadAll(event.dataTransfer.files);
    }
  });
})();
