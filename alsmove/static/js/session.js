// The guided session's timer. One primary button does the next thing (Start, Pause,
// Resume, Done, Next), and it always has the focus, so a single switch or one key
// (Enter or Space) runs the whole session. Nothing moves on by itself except the
// countdown of a hold the person started; every wait is as long as the person needs.
(function () {
  "use strict";
  var panel = document.getElementById("timer");
  var cueData = document.getElementById("session-cues");
  if (!panel || !cueData) { return; }
  var cues = JSON.parse(cueData.textContent);
  var hold = parseInt(panel.dataset.hold, 10) || null;
  var reps = parseInt(panel.dataset.reps, 10) || 1;
  var sides = panel.dataset.sides === "both" ? ["left", "right"] : [null];
  var nextUrl = panel.dataset.nextUrl;
  var isLast = panel.dataset.last === "1";
  var primary = document.getElementById("timer-primary");
  var number = document.getElementById("timer-number");
  var status = document.getElementById("timer-status");
  var ring = panel.querySelector(".timer-ring-progress");
  var toneBox = document.getElementById("opt-tone");
  var nextLink = document.getElementById("next-link");
  var stopLink = document.getElementById("stop-link");
  var stopUrl = stopLink ? stopLink.getAttribute("href") : "";
  var circumference = 2 * Math.PI * 52;

  var sideIndex = 0;
  var rep = 1;
  var state = "ready"; // ready | holding | paused | counting | finished
  var remaining = hold || 0;
  var timerId = null;

  var guide = window.ALSMoveGuide;
  panel.hidden = false;
  guide.keepOptions();

  // "Stop the session" says how far this exercise got, for the log of what was done.
  function markStop(how) {
    if (stopLink) { stopLink.setAttribute("href", stopUrl + "?current=" + how); }
  }
  // With the timer shown, "Next" sits behind the primary button until the exercise ends.
  nextLink.classList.remove("button-primary");

  function speak(text) { guide.speak(text); }

  function say(text) {
    status.textContent = text;
    speak(text);
  }

  function tone() {
    if (!toneBox.checked) { return; }
    try {
      var Context = window.AudioContext || window.webkitAudioContext;
      var context = new Context();
      var oscillator = context.createOscillator();
      var gain = context.createGain();
      oscillator.frequency.value = 523;
      gain.gain.value = 0.08;
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start();
      oscillator.stop(context.currentTime + 0.4);
    } catch (error) { /* no sound device: the words on screen still say it */ }
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function setRing(fraction) {
    ring.setAttribute("stroke-dashoffset", String(circumference * (1 - fraction)));
  }

  function setPrimary(label) {
    primary.textContent = label;
    primary.focus();
  }

  function sideText() {
    var side = sides[sideIndex];
    return side ? cues[side] + " " : "";
  }

  function stopTimer() {
    if (timerId !== null) { window.clearInterval(timerId); timerId = null; }
  }

  function tick() {
    remaining -= 1;
    number.textContent = String(Math.max(remaining, 0));
    setRing(Math.max(remaining, 0) / hold);
    if (remaining === 10 && hold > 15) {
      say(fill(cues.seconds_left, { n: 10 }));
    } else if (remaining > 0 && remaining <= 3) {
      speak(String(remaining));
    }
    if (remaining <= 0) {
      stopTimer();
      tone();
      afterOne();
    }
  }

  function begin() {
    markStop("partly");
    if (hold === null) {
      state = "counting";
      number.textContent = String(reps);
      say(sideText() + fill(cues.do_reps, { total: reps }));
      setPrimary(cues.done_button);
      return;
    }
    state = "holding";
    remaining = hold;
    number.textContent = String(remaining);
    setRing(1);
    say(sideText() + fill(cues.rep, { n: rep, total: reps }) + " " + cues.hold);
    setPrimary(cues.pause);
    timerId = window.setInterval(tick, 1000);
  }

  function afterOne() {
    if (hold !== null && rep < reps) {
      rep += 1;
      state = "ready";
      say(cues.relax + " " + cues.again);
      setPrimary(cues.start);
      return;
    }
    if (sideIndex < sides.length - 1) {
      sideIndex += 1;
      rep = 1;
      state = "ready";
      number.textContent = String(hold || reps);
      setRing(1);
      say(cues["switch"]);
      setPrimary(cues.start);
      return;
    }
    state = "finished";
    markStop("done");
    setRing(0);
    say(cues.done + " " + cues.rest);
    nextLink.classList.add("button-primary");
    setPrimary(isLast ? cues.finish : cues.next);
  }

  primary.addEventListener("click", function () {
    switch (state) {
      case "ready": begin(); break;
      case "holding":
        stopTimer();
        state = "paused";
        say(cues.paused);
        setPrimary(cues.resume);
        break;
      case "paused":
        state = "holding";
        say(cues.hold);
        setPrimary(cues.pause);
        timerId = window.setInterval(tick, 1000);
        break;
      case "counting": afterOne(); break;
      case "finished": window.location.assign(nextUrl); break;
      default: break;
    }
  });

  guide.pressOnIdleKey(primary);

  status.textContent = sideText() + cues.ready;
  // The page opens at the top (the name, the picture and the first step); the focus is
  // on the primary button all the same, so the first key press or switch press starts.
  primary.focus({ preventScroll: true });
}());
