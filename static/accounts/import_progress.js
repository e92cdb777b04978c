// The cadre import's progress bar: poll the job's status every two seconds; reload once it has finished.
(function () {
  "use strict";
  var box = document.querySelector("[data-kns-import-progress]");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("progress");
  function set(name, value) {
    var node = document.querySelector("[data-kns-" + name + "]");
    if (node) node.textContent = value;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.percent;
        bar.textContent = data.percent + "%";
        set("percent", data.percent);
        set("done", data.done);
        set("total", data.total);
        set("status", data.status_label);
        if (data.running) {
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
