// Dwell to click, for eye gaze and head pointers without dwell in their own software
// (a saved setting, off unless chosen: <html data-dwell="on" data-dwell-ms="1000">).
// Resting the pointer on a control fills a ring around it; when the ring is full the
// control is pressed. Moving away cancels. Nothing fires in the first second after a
// page (or a screen of the quick log) changes, and a control that fired does not fire
// again until the pointer has left it and come back.
(function () {
  "use strict";
  var root = document.documentElement;
  var TARGETS = "a[href], button, summary, label, input[type=radio], input[type=checkbox], [data-dwell-target]";
  var QUIET_MS = 1000;
  var CIRCUMFERENCE = 2 * Math.PI * 26;
  var quietUntil = Date.now() + QUIET_MS;
  var current = null;   // the control the pointer rests on
  var fired = null;     // the control that fired and has not been left since
  var startedAt = 0;
  var timer = null;
  var frame = null;
  var ring = null;

  function enabled() { return root.getAttribute("data-dwell") === "on"; }
  function dwellMs() {
    var ms = parseInt(root.getAttribute("data-dwell-ms"), 10);
    return ms >= 500 && ms <= 2000 ? ms : 1000;
  }

  function makeRing() {
    var ns = "http://www.w3.org/2000/svg";
    var box = document.createElement("div");
    box.className = "dwell-ring";
    box.setAttribute("aria-hidden", "true");
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 60 60");
    var back = document.createElementNS(ns, "circle");
    var fill = document.createElementNS(ns, "circle");
    [back, fill].forEach(function (c) {
      c.setAttribute("cx", "30"); c.setAttribute("cy", "30"); c.setAttribute("r", "26");
      c.setAttribute("fill", "none"); c.setAttribute("stroke-width", "6");
    });
    back.setAttribute("class", "dwell-ring-back");
    fill.setAttribute("class", "dwell-ring-fill");
    fill.setAttribute("stroke-dasharray", String(CIRCUMFERENCE));
    fill.setAttribute("stroke-dashoffset", String(CIRCUMFERENCE));
    fill.setAttribute("transform", "rotate(-90 30 30)");
    svg.appendChild(back); svg.appendChild(fill);
    box.appendChild(svg);
    document.body.appendChild(box);
    return box;
  }

  function place(target) {
    if (!ring) { ring = makeRing(); }
    var rect = target.getBoundingClientRect();
    var size = Math.max(44, Math.min(96, Math.min(rect.width, rect.height)));
    // Position through the CSS object model (allowed by the strict CSP; no inline style).
    ring.style.width = size + "px";
    ring.style.height = size + "px";
    ring.style.left = (window.scrollX + rect.left + rect.width / 2 - size / 2) + "px";
    ring.style.top = (window.scrollY + rect.top + rect.height / 2 - size / 2) + "px";
    ring.hidden = false;
    setFill(0);
  }

  function setFill(fraction) {
    var fill = ring.querySelector(".dwell-ring-fill");
    fill.setAttribute("stroke-dashoffset", String(CIRCUMFERENCE * (1 - fraction)));
  }

  function cancel() {
    if (timer !== null) { window.clearTimeout(timer); timer = null; }
    if (frame !== null) { window.cancelAnimationFrame(frame); frame = null; }
    if (ring) { ring.hidden = true; }
    current = null;
  }

  function animate() {
    if (!current) { return; }
    var elapsed = Date.now() - startedAt;
    setFill(Math.max(0, Math.min(1, elapsed / dwellMs())));
    frame = window.requestAnimationFrame(animate);
  }

  function press(target) {
    cancel();
    fired = target;
    target.click();
  }

  function begin(target) {
    cancel();
    current = target;
    place(target);
    // The ring fills only once the quiet time after a page change is over.
    var wait = Math.max(0, quietUntil - Date.now());
    startedAt = Date.now() + wait;
    timer = window.setTimeout(function () { press(target); }, wait + dwellMs());
    frame = window.requestAnimationFrame(animate);
  }

  function controlAt(node) {
    var el = node && node.closest ? node.closest(TARGETS) : null;
    if (el && el.tagName === "INPUT" && el.closest("label")) { el = el.closest("label"); }
    if (!el || el.disabled || el.closest("[hidden]") || el.getAttribute("aria-disabled") === "true") {
      return null;
    }
    return el;
  }

  document.addEventListener("pointerover", function (event) {
    if (!enabled() || event.pointerType === "touch") { return; }
    var target = controlAt(event.target);
    if (target === current) { return; }
    if (fired && target !== fired) { fired = null; }  // left the control that fired
    if (!target || target === fired) { cancel(); return; }
    begin(target);
  });

  document.addEventListener("pointerout", function (event) {
    if (!current && !fired) { return; }
    var into = controlAt(event.relatedTarget);
    var from = controlAt(event.target);
    if (into === from) { return; }
    if (from === current) { cancel(); }
    if (from === fired && into !== fired) { fired = null; }
  });

  // The quick log (and any page that changes in place) says so: a new quiet time.
  document.addEventListener("alsmove:changed", function () {
    cancel();
    fired = null;
    quietUntil = Date.now() + QUIET_MS;
  });
  window.addEventListener("pageshow", function () { quietUntil = Date.now() + QUIET_MS; });
  window.addEventListener("scroll", function () { if (current) { place(current); } }, { passive: true });
}());
