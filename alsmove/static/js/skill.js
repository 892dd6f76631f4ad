// A caregiver skill, one step per screen. The primary control (Next step, or Finish on
// the last) has the focus, so one key or one switch goes through the whole skill; it
// never moves on by itself. The step is spoken when the page opens (if the browser
// allows speech before a press) and again with "Read this step aloud".
(function () {
  "use strict";
  var guide = window.ALSMoveGuide;
  var primary = document.getElementById("guide-primary");
  var text = document.getElementById("guide-step");
  var read = document.getElementById("guide-read");
  var cueData = document.getElementById("skill-cues");
  if (!guide || !primary || !text || !cueData) { return; }
  var cues = JSON.parse(cueData.textContent);
  var spoken = cues.step.replace("{n}", primary.dataset.index).replace("{total}", primary.dataset.count) +
    " " + text.textContent.trim();

  guide.keepOptions();
  guide.pressOnIdleKey(primary);
  read.hidden = false;
  read.addEventListener("click", function () { guide.speak(spoken); });
  guide.speak(spoken);
  // The page opens at the top (the skill, the step) with the focus on the primary
  // control, so the first key press or switch press goes on.
  primary.focus({ preventScroll: true });
}());
