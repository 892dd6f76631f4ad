// One question per screen (the ALSFRS-R entry). The page's heading takes the focus, so a
// screen reader reads the question first and the next key press starts from it.
// Choosing an answer never sends anything: a number key (or Y/N), the arrow keys or a
// click choose; Enter or the Next button goes on.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (el) {
    el.hidden = false;
  });
  var heading = document.querySelector("[data-focus-first]");
  var problem = document.querySelector(".form-errors, .errorlist");
  if (heading && !problem) { heading.focus(); }

  var form = document.querySelector("[data-choice-form]");
  if (!form) { return; }
  var next = form.querySelector("[data-next]");
  form.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) { return; }
    if (event.key === "Enter" && event.target.type === "radio") {
      event.preventDefault();
      form.requestSubmit(next);
      return;
    }
    if (event.key.length !== 1) { return; }
    var input = form.querySelector("input[data-key='" + event.key.toLowerCase() + "']");
    if (!input) { return; }
    event.preventDefault();
    input.checked = true;
    input.focus();
  });
}());
