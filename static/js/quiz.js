/* Kỹ Năng Số, quizzes: progressive enhancement only.
 *
 * Without this file the quiz still works as one form (answer, "Lưu tạm", "Nộp bài"), and the
 * server enforces every rule: the deadline, the attempt limit, the wait between attempts.
 * With it: answers autosave as they change, a countdown shows the time left and submits the
 * form when it reaches zero, and the "try again" button unlocks itself after the wait.
 * Messages come from data attributes written by the templates, so they are translated there.
 */
(function () {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }

  function timeNow() {
    var d = new Date();
    return pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }

  /* --- Taking an attempt: autosave and countdown ------------------------------------------- */

  var form = document.querySelector("[data-quiz-form]");
  if (form) {
    var status = form.querySelector("[data-save-status]");
    var submitButton = form.querySelector("[data-submit]");
    var saveUrl = form.getAttribute("data-save-url");
    var timer = null;
    var submitting = false;
    var saving = null;
    var dirty = false;

    var say = function (text) {
      if (status) status.textContent = text;
    };

    var save = function () {
      timer = null;
      if (submitting) return;
      dirty = false;
      say(form.getAttribute("data-msg-saving") || "…");
      saving = fetch(saveUrl, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { status: response.status, data: data };
          });
        })
        .then(function (result) {
          if (result.status === 200 && result.data.ok) {
            say((form.getAttribute("data-msg-saved") || "✓") + " " + result.data.saved_at);
          } else if (result.status === 409 && result.data.result_url) {
            window.location.assign(result.data.result_url);
          } else {
            say(result.data.error || form.getAttribute("data-msg-error") || "!");
          }
        })
        .catch(function () {
          dirty = true;
          say(form.getAttribute("data-msg-offline") || "!");
        });
    };

    form.addEventListener("change", function () {
      dirty = true;
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(save, 700);
    });

    window.addEventListener("online", function () {
      if (dirty && !submitting) save();
    });

    form.addEventListener("submit", function () {
      submitting = true;
      if (timer) window.clearTimeout(timer);
      // The server grades an attempt once whatever happens; this only spares a second tap.
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
          button.disabled = true;
        });
      }, 0);
    });

    var countdown = document.querySelector("[data-quiz-timer]");
    if (countdown) {
      var text = countdown.querySelector("[data-timer-text]");
      var ends = Date.now() + parseInt(countdown.getAttribute("data-remaining"), 10) * 1000;
      var tick = function () {
        var left = (ends - Date.now()) / 1000;
        text.textContent = clock(Math.ceil(left));
        if (left <= 60) countdown.classList.add("border-danger", "text-danger");
        if (left <= 0) {
          window.clearInterval(interval);
          if (!submitting) {
            say(form.getAttribute("data-msg-timeup") || "");
            if (form.requestSubmit) {
              form.requestSubmit(submitButton);
            } else {
              submitting = true;
              form.submit();
            }
          }
        }
      };
      var interval = window.setInterval(tick, 1000);
      tick();
    }
  }

  /* --- The quiz page: the wait between attempts ---------------------------------------------- */

  document.querySelectorAll("[data-quiz-wait]").forEach(function (waitForm) {
    var button = waitForm.querySelector("button[type=submit]");
    var label = waitForm.querySelector("[data-wait-text]");
    var until = Date.now() + parseInt(waitForm.getAttribute("data-quiz-wait"), 10) * 1000;
    var template = waitForm.getAttribute("data-msg-wait") || "";
    var update = function () {
      var left = Math.ceil((until - Date.now()) / 1000);
      if (left <= 0) {
        window.clearInterval(loop);
        button.disabled = false;
        if (label) label.textContent = waitForm.getAttribute("data-msg-ready") || "";
        return;
      }
      if (label && template) label.textContent = template.replace("%s", clock(left));
    };
    var loop = window.setInterval(update, 500);
    update();
  });
})();
