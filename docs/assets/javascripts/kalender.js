/* The calendar, improved where JavaScript runs; without it every page is correct as of its build.
 *
 * 1. Events whose end has passed by the reader's clock leave the lists of upcoming events
 *    (each item carries its end as data-ma-slut, with the UTC offset). A month left empty goes
 *    too, and when nothing is left the list shows its "no upcoming events" text (the start
 *    page's block, which has none, disappears). An event page's "add to calendar" button goes
 *    once the event has ended (data-ma-until).
 * 2. A button copies the subscription address (shown as text for everyone without JavaScript).
 */
(function () {
  "use strict";

  var now = Date.now();
  document.querySelectorAll("[data-ma-upcoming]").forEach(function (list) {
    list.querySelectorAll("[data-ma-slut]").forEach(function (item) {
      var ends = Date.parse(item.getAttribute("data-ma-slut"));
      if (!isNaN(ends) && ends <= now) {
        item.remove();
      }
    });
    list.querySelectorAll(".ma-month").forEach(function (month) {
      if (!month.querySelector("[data-ma-slut]")) {
        month.remove();
      }
    });
    if (!list.querySelector("[data-ma-slut]")) {
      var empty = list.querySelector(".ma-upcoming__empty");
      if (empty) {
        empty.hidden = false;
      }
      // The start page's block has no empty text: the whole section goes.
      var section = list.closest("[data-ma-upcoming-section]");
      if (section) {
        section.hidden = true;
      }
    }
  });

  // An event page's "add to calendar" button, once the event has ended.
  document.querySelectorAll("[data-ma-until]").forEach(function (element) {
    var ends = Date.parse(element.getAttribute("data-ma-until"));
    if (!isNaN(ends) && ends <= now) {
      element.remove();
    }
  });

  document.querySelectorAll("[data-ma-copy]").forEach(function (button) {
    if (!navigator.clipboard) {
      return;
    }
    var status = button.parentNode.querySelector(".ma-copy__status");
    button.classList.remove("ma-copy--waiting");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-ma-copy")).then(function () {
        if (status) {
          status.textContent = "Adressen är kopierad.";
        }
      });
    });
  });
})();
