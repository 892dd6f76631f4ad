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
  var chooseText = document.getElementById("choose-text").textContent;
  var screens = Array.prototype.slice.call(form.querySelectorAll("[data-screen]"));
  var hasErrors = form.querySelector(".errorlist") !== null;
  var SENT_KEY = "alsmove-log-sent";
  var current = null;
  var lastDigit = { key: "", at: 0 };

  function goTo(saved) { window.location.assign(saved.url); }

  // Each screen's question is its heading: it takes the focus, so a screen reader reads
  // it, and the next key press starts on this screen. Nothing here moves on by itself.
  function show(id) {
    screens.forEach(function (screen) { screen.hidden = screen.id !== id; });
    current = document.getElementById(id);
    var heading = current.querySelector("h2");
    heading.setAttribute("tabindex", "-1");
    heading.focus();
    // A new screen is a page change for dwell (static/js/dwell.js): a quiet second first.
    document.dispatchEvent(new window.CustomEvent("alsmove:changed"));
  }

  function choices(screen) {
    return Array.prototype.slice.call(screen.querySelectorAll("input[type=radio], input[type=checkbox]"));
  }

  function chosen(screen) {
    return choices(screen).filter(function (input) { return input.checked; });
  }

  function complain(screen) {
    say(chooseText);
    var first = choices(screen)[0];
    if (first) { first.focus(); }
  }

  Array.prototype.forEach.call(form.querySelectorAll(".js-only"), function (el) {
    el.hidden = false;
  });
  if (!hasErrors) { show(form.getAttribute("data-start") || "screen-all"); }

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-goto]");
    if (!button) { return; }
    event.preventDefault();
    var screen = button.closest("[data-screen]");
    var target = button.getAttribute("data-goto");
    if (screen.hasAttribute("data-scale") || screen.id === "screen-which") {
      var picked = chosen(screen);
      if (!picked.length && choices(screen).length) { complain(screen); return; }
      // No pain: the question about which exercise hurt is left out.
      if (button.hasAttribute("data-goto-none") && picked[0].value === "0") {
        target = button.getAttribute("data-goto-none");
        chosen(document.getElementById("screen-which")).forEach(function (box) { box.checked = false; });
      }
    }
    say("");
    show(target);
  });

  // Moving through the options only selects; Enter confirms what is selected (it presses
  // the screen's Continue or Save), and typing a number selects that number on a scale.
  form.addEventListener("keydown", function (event) {
    var el = event.target;
    var screen = el.closest ? el.closest("[data-screen]") : null;
    if (!screen || screen.hidden) { return; }
    var typing = el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type === "text");
    if (event.key === "Enter" && el.tagName === "INPUT" && !typing) {
      event.preventDefault();
      var next = screen.querySelector("[data-continue]");
      if (next) { next.click(); }
      return;
    }
    if (typing || !screen.hasAttribute("data-scale") || !/^[0-9]$/.test(event.key)) { return; }
    if (event.ctrlKey || event.altKey || event.metaKey) { return; }
    var level = event.key;
    var now = Date.now();
    if (event.key === "0" && lastDigit.key === "1" && now - lastDigit.at < 1000) { level = "10"; }
    lastDigit = { key: level === "10" ? "" : event.key, at: now };
    var input = screen.querySelector("input[data-level='" + level + "']");
    if (!input) { return; }
    event.preventDefault();
    input.checked = true;
    input.focus();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var tired = document.getElementById("screen-tired");
    if (!hasErrors && !chosen(tired).length) { complain(tired); return; }
    var data = new window.FormData(form, event.submitter);
    data.delete("csrfmiddlewaretoken");
    var id = data.get("client_id");
    var queue = readQueue().filter(function (e) { return e.id !== id; });
    var entry = { id: id, user: user, url: form.action || window.location.href,
                  body: new window.URLSearchParams(data).toString() };
    queue.push(entry);
    writeQueue(queue);
    try { window.sessionStorage.setItem(SENT_KEY, id); } catch (error) { /* private mode */ }
    send(entry, goTo);
  });

  // Back after saving: the browser may bring this page back as it was. Ask the server
  // again instead, which shows the saved log (with "Change this log"), not the old form.
  window.addEventListener("pageshow", function (event) {
    var sent = null;
    try { sent = window.sessionStorage.getItem(SENT_KEY); } catch (error) { sent = null; }
    var id = form.querySelector("input[name=client_id]").value;
    if (event.persisted && sent === id) { window.location.reload(); }
  });
}());
