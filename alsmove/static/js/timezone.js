// Fills a hidden time-zone field with the browser's own zone (Europe/Paris), so a new
// record starts on the person's clock. It never changes a zone someone already chose.
(function () {
  "use strict";
  var zone = "";
  try { zone = window.Intl.DateTimeFormat().resolvedOptions().timeZone || ""; }
  catch (error) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("input[data-browser-zone]"),
    function (input) { if (!input.value) { input.value = zone; } });
}());
