// What every guided screen shares (the guided session, a caregiver skill's steps): the
// saved switches (speech, tone, dwell), speaking a cue aloud, and a single primary
// control that one key or one switch works. Nothing here moves on by itself.
(function () {
  "use strict";

  // Speech is a help, never a requirement: with the switch off, no voice, or a browser
  // that refuses, the words on screen still say it.
  // The voice speaks the page's language (<html lang>); when the device has no voice for
  // it, the note under the switches says so instead of reading in another language.
  var pageLanguage = (document.documentElement.lang || "en").toLowerCase().split("-")[0];

  function voiceFor(language) {
    if (!("speechSynthesis" in window)) { return null; }
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i += 1) {
      if ((voices[i].lang || "").toLowerCase().split(/[-_]/)[0] === language) { return voices[i]; }
    }
    return null;
  }

  function showVoiceNote() {
    var note = document.getElementById("no-voice-note");
    if (!note || !("speechSynthesis" in window)) { return; }
    var voices = window.speechSynthesis.getVoices() || [];
    // An empty list means the voices are still loading; the event below asks again.
    note.hidden = voices.length === 0 || voiceFor(pageLanguage) !== null;
  }

  if ("speechSynthesis" in window) {
    showVoiceNote();
    if (window.speechSynthesis.addEventListener) {
      window.speechSynthesis.addEventListener("voiceschanged", showVoiceNote);
    }
  }

  function speak(text) {
    var box = document.getElementById("opt-speech");
    if (!box || !box.checked || !("speechSynthesis" in window)) { return; }
    try {
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = document.documentElement.lang || "en";
      var voice = voiceFor(pageLanguage);
      if (voice) { utterance.voice = voice; }
      else if ((window.speechSynthesis.getVoices() || []).length > 0) { return; }
      window.speechSynthesis.cancel();
      window.speechSynthesis.speak(utterance);
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
