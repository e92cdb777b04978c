/* Kỹ Năng Số: "save this course for offline reading" on the course page, and sending presses kept offline.
 * Nothing here is needed to learn: without it (or without service workers) the pages work as they are.
 * Words come from the page (data-* attributes, translated by Django), not from this file.
 */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  var SW_URL = "/learn/offline/sw.js";

  function ask(worker, message) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        if (message.onReply) message.onReply(event.data);
        if (event.data.type !== "progress") resolve(event.data);
      };
      var payload = Object.assign({}, message);
      delete payload.onReply;
      worker.postMessage(payload, [channel.port2]);
    });
  }

  function size(bytes) {
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1) + " MB";
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) {
      return values[name] === undefined ? "" : values[name];
    });
  }

  // Presses of "Đã học xong" kept while offline go as soon as the connection is back.
  function replay() {
    if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage({ type: "replay" });
  }
  window.addEventListener("online", replay);
  replay();

  var panel = document.querySelector("[data-offline-course]");
  if (!panel) return;
  var text = panel.dataset;
  var status = panel.querySelector("[data-offline-status]");
  var choose = panel.querySelector("[data-offline-choose]");
  var withVideos = panel.querySelector("[data-offline-videos]");
  var start = panel.querySelector("[data-offline-start]");
  var confirm = panel.querySelector("[data-offline-confirm]");
  var manifest = null;
  panel.hidden = false;

  navigator.serviceWorker.getRegistration("/").then(function (registration) {
    if (registration && registration.active) {
      ask(registration.active, { type: "status", url: text.courseUrl }).then(function (reply) {
        if (reply.saved) status.textContent = text.alreadySaved;
      });
    }
  });

  start.addEventListener("click", function () {
    start.disabled = true;
    fetch(text.manifestUrl, { credentials: "same-origin" })
      .then(function (response) {
        return response.json();
      })
      .then(function (data) {
        manifest = data;
        var known = data.lessons.every(function (lesson) {
          return lesson.bytes !== null;
        });
        status.textContent = fill(known ? text.summary : text.summaryAbout, {
          lessons: data.lessons.length,
          size: size(data.pages_bytes),
        });
        if (data.videos_bytes > 0) {
          withVideos.hidden = false;
          withVideos.querySelector("span").textContent = fill(text.videos, { size: size(data.videos_bytes) });
        }
        choose.hidden = false;
        start.hidden = true;
      })
      .catch(function () {
        status.textContent = text.failed;
        start.disabled = false;
      });
  });

  confirm.addEventListener("click", function () {
    confirm.disabled = true;
    var pages = [manifest.course.url].concat(
      manifest.lessons.map(function (lesson) {
        return lesson.url;
      })
    );
    var videos = [];
    if (withVideos.querySelector("input").checked) {
      manifest.lessons.forEach(function (lesson) {
        lesson.videos.forEach(function (video) {
          videos.push(video.url);
        });
      });
    }
    status.textContent = text.saving;
    navigator.serviceWorker
      .register(SW_URL, { scope: "/" })
      .then(function () {
        return navigator.serviceWorker.ready;
      })
      .then(function (registration) {
        return ask(registration.active, {
          type: "save-course",
          pages: pages,
          videos: videos,
          onReply: function (reply) {
            if (reply.type === "progress") {
              status.textContent = fill(text.progress, { saved: reply.saved, total: reply.total - 1 });
            }
          },
        });
      })
      .then(function (reply) {
        if (reply.type !== "saved") throw new Error(reply.error);
        status.textContent = fill(text.saved, { lessons: reply.saved - 1, size: size(reply.bytes) });
        choose.hidden = true;
        confirm.disabled = false;
      })
      .catch(function () {
        status.textContent = text.failed;
        confirm.disabled = false;
      });
  });
})();
