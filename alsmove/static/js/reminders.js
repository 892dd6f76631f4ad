// First visit to the reminders page: choose the device's own time zone (Europe/Paris) in
// the list, adding it if it is not one of the common ones, and say so. Nothing is sent;
// the person still presses Save. Without JavaScript the record's zone stays chosen.
(function () {
  "use strict";
  var zone = "";
  try { zone = window.Intl.DateTimeFormat().resolvedOptions().timeZone || ""; }
  catch (error) { return; }
  var select = document.getElementById("id_time_zone");
  var note = document.querySelector("[data-browser-zone-note]");
  if (!zone || !select || select.value === zone) { return; }
  var known = Array.prototype.some.call(document.querySelectorAll("#all-zones option"),
    function (option) { return option.value === zone; });
  if (!known) { return; }
  var found = Array.prototype.some.call(select.options,
    function (option) { return option.value === zone; });
  if (!found) {
    var option = document.createElement("option");
    option.value = zone;
    option.textContent = zone.replace(/_/g, " ");
    select.insertBefore(option, select.firstChild);
  }
  select.value = zone;
  if (note) {
    select.parentNode.insertBefore(note, select.nextSibling);  // said beside the list
    note.hidden = false; select.setAttribute("aria-describedby",
    ((select.getAttribute("aria-describedby") || "") + " browser-zone").trim());
  }
}());
