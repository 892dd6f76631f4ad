// The quick log, one question per screen, and a queue that keeps a log written while
// the network is down. Without JavaScript the same form shows every question at once.
(function () {
  "use strict";
  var QUEUE_KEY = "alsmove-log-queue";
  var form = document.getElementById("quick-log");
  var statusBox = document.getElementById("queue-status");

  function readQueue() {
    try { return JSON.parse(window.localStorage.getItem(QUEUE_KEY) || "[]"); }
    catch (error) { return []; }
  }
  function writeQueue(queue) { window.localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)); }
  function say(text) { if (statusBox) { statusBox.textContent = text; } }

  // Sends every queued log; the server stores each client id once, so sending twice is safe.
  function flush(onSent) {
    var queue = readQueue();
    if (!queue.length) { return; }
    queue.forEach(function (entry) {
      window.fetch(entry.url, {
        method: "POST",
        body: entry.body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" }
      }).then(function (response) {
        var rest = readQueue().filter(function (e) { return e.id !== entry.id; });
        writeQueue(rest);
        if (onSent) { onSent(entry, response); }
      }).catch(function () {
        say(form ? form.dataset.offlineText : "");
      });
    });
  }

  window.addEventListener("online", function () { flush(form ? goTo : null); });
  flush(null);  // anything left from an earlier visit goes out now

  if (!form) { return; }
  form.dataset.offlineText = document.getElementById("offline-text").textContent;
  var screens = Array.prototype.slice.call(form.querySelectorAll("[data-screen]"));
  var hasErrors = form.querySelector(".errorlist") !== null;

  function goTo(entry, response) {
    if (response.redirected) { window.location.assign(response.url); return; }
    // The server found something to correct: show its page with the answers kept.
    response.text().then(function (html) {
      document.open(); document.write(html); document.close();
    });
  }

  function show(id) {
    screens.forEach(function (screen) { screen.hidden = screen.id !== id; });
    var target = document.getElementById(id);
    var focusable = target.querySelector("button:not([hidden]), input, summary");
    var heading = target.querySelector("h2, legend");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    else if (focusable) { focusable.focus(); }
  }

  Array.prototype.forEach.call(form.querySelectorAll(".js-only"), function (el) {
    el.hidden = false;
  });
  if (!hasErrors) { show("screen-all"); }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-goto]");
    if (!button) { return; }
    event.preventDefault();
    show(button.getAttribute("data-goto"));
  });

  form.addEventListener("change", function (event) {
    if (!event.target.hasAttribute("data-pain")) { return; }
    show(parseInt(event.target.value, 10) > 0 ? "screen-which" : "screen-tired");
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new window.FormData(form, event.submitter);
    var body = new window.URLSearchParams(data).toString();
    var id = data.get("client_id");
    var queue = readQueue().filter(function (e) { return e.id !== id; });
    queue.push({ id: id, url: form.action || window.location.href, body: body });
    writeQueue(queue);
    say(form.dataset.sendingText || "");
    flush(goTo);
  });
}());
