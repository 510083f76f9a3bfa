/* The calendar's roll-over, before the first paint (loaded in <head> on calendar pages and the
 * start page, overrides/main.html).
 *
 * kalender.js removes events that have ended by the reader's clock, but it runs at the end of
 * the page, after the browser may already have painted the list: the list then jumps (Lighthouse
 * measured a layout shift of 0.47). This script watches the page as the browser parses it and
 * takes ended events out as they arrive, so they are never painted. kalender.js still runs
 * afterwards and does the same (it then finds nothing left to do), so a browser that skips this
 * script loses nothing.
 */
(function () {
  "use strict";

  if (!window.MutationObserver) {
    return;
  }
  var now = Date.now();

  function ended(element, attribute) {
    var ends = Date.parse(element.getAttribute(attribute));
    return !isNaN(ends) && ends <= now;
  }

  // A month is complete when the parser reaches the next month or the list's empty text.
  function dropEmptyMonth(month) {
    if (month && month.classList.contains("ma-month") && !month.querySelector("[data-ma-slut]")) {
      month.remove();
    }
  }

  function check(node) {
    if (node.nodeType !== 1) {
      return;
    }
    if (node.hasAttribute("data-ma-slut") && node.closest("[data-ma-upcoming]") && ended(node, "data-ma-slut")) {
      node.remove();
    } else if (node.hasAttribute("data-ma-until") && ended(node, "data-ma-until")) {
      node.remove();
    } else if (node.classList.contains("ma-month")) {
      dropEmptyMonth(node.previousElementSibling);
    } else if (node.classList.contains("ma-upcoming__empty")) {
      var list = node.parentNode;
      dropEmptyMonth(node.previousElementSibling);
      if (!list.querySelector("[data-ma-slut]")) {
        node.hidden = false;
        var section = list.closest("[data-ma-upcoming-section]");
        if (section) {
          section.hidden = true;
        }
      }
    }
  }

  var observer = new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(check);
    });
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    observer.disconnect();
  });
})();
