// What every guided screen shares (the guided session, a caregiver skill's steps): the
// saved switches (speech, tone, dwell), speaking a cue aloud, and a single primary
// control that one key or one switch works. Nothing here moves on by itself.
(function () {
  "use strict";

  // Speech is a help, never a requirement: with the switch off, no voice, or a browser
  // that refuses, the words on screen still say it.
  function speak(text) {
    var box = document.getElementById("opt-speech");
    if (!box || !box.checked || !("speechSynthesis" in window)) { return; }
    try {
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(text));
    } catch (error) { /* no voice on this device */ }
  }

  // The switches are saved to the account as they are flipped, so they stay for the
  // rest of the screens and the next time, on any device.
  function keepOptions() {
    var options = document.getElementById("session-options");
    if (!options) { return null; }
    var dwellBox = document.getElementById("opt-dwell");
    options.hidden = false;
    options.addEventListener("change", function (event) {
      if (dwellBox && event.target === dwellBox) {
        document.documentElement.setAttribute("data-dwell", dwellBox.checked ? "on" : "off");
      }
      window.fetch(options.action, {
        method: "POST",
        body: new window.FormData(options),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      }).catch(function () { /* kept on screen for this page; saved next time */ });
    });
    return options;
  }

  // A switch that sends Enter or Space while nothing is focused still works the primary.
  function pressOnIdleKey(primary) {
    document.addEventListener("keydown", function (event) {
      var idle = !document.activeElement || document.activeElement === document.body;
      if (idle && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        primary.click();
      }
    });
  }

  window.ALSMoveGuide = { speak: speak, keepOptions: keepOptions, pressOnIdleKey: pressOnIdleKey };
}());
