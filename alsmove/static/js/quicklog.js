// The quick log, one question per screen, and a queue that keeps a log written while
// the network is down. Without JavaScript the same form shows every question at once.
(function () {
  "use strict";
  var QUEUE_KEY = "alsmove-log-queue";
  var form = document.getElementById("quick-log");
  var notice = document.getElementById("queue-notice");  // on every logged-in page
  var statusBox = document.getElementById("queue-status") || notice;
  var user = document.body.getAttribute("data-user") || "";
  var sending = {};

  function readQueue() {
    try { return JSON.parse(window.localStorage.getItem(QUEUE_KEY) || "[]"); }
    catch (error) { return []; }
  }
  function writeQueue(queue) { window.localStorage.setItem(QUEUE_KEY, JSON.stringify(queue)); }
  function drop(id) { writeQueue(readQueue().filter(function (e) { return e.id !== id; })); }
  function text(name) { return notice ? notice.getAttribute("data-" + name) || "" : ""; }
  function say(words, link) {
    if (!statusBox) { return; }
    statusBox.textContent = words;
    if (link) {
      var a = document.createElement("a");
      a.href = link.href;
      a.textContent = link.text;
      statusBox.appendChild(document.createTextNode(" "));
      statusBox.appendChild(a);
    }
  }
  // The token is read from this page at sending time: it is never kept in the queue.
  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function askToLogIn() {
    var back = window.location.pathname + window.location.search;
    say(text("login-text"), {
      href: text("login-url") + "?next=" + encodeURIComponent(back),
      text: text("login-link")
    });
  }

  // Sends one queued log. It leaves the queue only once the server has stored it (201, or
  // 200 for a repeat of the same client id); a logged-out session (a redirect, 401 or 403),
  // a server error or no network keep it for the next try.
  function send(entry, onStored) {
    if (sending[entry.id]) { return window.Promise.resolve(); }
    sending[entry.id] = true;
    var token = csrfToken();
    return window.fetch(entry.url, {
      method: "POST",
      body: entry.body + "&csrfmiddlewaretoken=" + encodeURIComponent(token),
      credentials: "same-origin",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRFToken": token,
        "X-Alsmove-Queue": "1"
      }
    }).then(function (response) {
      delete sending[entry.id];
      if (response.status === 201 || response.status === 200) {
        drop(entry.id);
        return response.json().then(function (saved) { if (onStored) { onStored(saved); } });
      }
      if (response.type === "opaqueredirect" || response.status === 401 ||
          response.status === 403) {
        askToLogIn();
      } else if (response.status === 400 && onStored) {
        // Something to correct: show the server's page, the answers kept (same client id).
        return response.text().then(function (html) {
          document.open(); document.write(html); document.close();
        });
      } else {
        say(text("retry-text"));
      }
    }).catch(function () {
      delete sending[entry.id];
      say(text("offline-text"));
    });
  }

  // Sends every log this account queued; the server stores each client id once.
  function flush(onStored) {
    var mine = readQueue().filter(function (e) { return !e.user || e.user === user; });
    return window.Promise.all(mine.map(function (entry) { return send(entry, onStored); }));
  }

  function announce(saved) { say(text("sent-text"), { href: saved.url, text: text("see-link") }); }

  window.addEventListener("online", function () { flush(form ? goTo : announce); });
  flush(announce);  // anything left from an earlier visit (or before logging in) goes out now

  // Logging out sends what it can, then clears the queue: nothing stays on a shared device.
  var logout = document.querySelector("form[data-logout]");
  if (logout) {
    logout.addEventListener("submit", function (event) {
      event.preventDefault();
      var waited = new window.Promise(function (resolve) { window.setTimeout(resolve, 5000); });
      window.Promise.race([flush(null), waited]).then(function () {
        window.localStorage.removeItem(QUEUE_KEY);
        logout.submit();
      });
    });
  }

  if (!form) { return; }
  var screens = Array.prototype.slice.call(form.querySelectorAll("[data-screen]"));
  var hasErrors = form.querySelector(".errorlist") !== null;

  function goTo(saved) { window.location.assign(saved.url); }

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
    data.delete("csrfmiddlewaretoken");
    var id = data.get("client_id");
    var queue = readQueue().filter(function (e) { return e.id !== id; });
    var entry = { id: id, user: user, url: form.action || window.location.href,
                  body: new window.URLSearchParams(data).toString() };
    queue.push(entry);
    writeQueue(queue);
    send(entry, goTo);
  });
}());
