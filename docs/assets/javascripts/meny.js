/* The header's menu and search buttons (overrides/partials/header.html), the open menu kept to
 * the keyboard, and whatever is closed kept out of the keyboard's way.
 *
 * Material opens its phone menu ("drawer") and its search with hidden checkboxes (#__drawer,
 * #__search) and <label>s, which cannot take focus and have no name. The header has real
 * <button>s instead; this script makes them toggle the checkboxes, keeps aria-expanded true to
 * the state, and sets `inert` on whatever is closed and off-screen: the drawer while it is a
 * drawer (below 76.25em) and closed, the search results while the search is closed, and the
 * whole search field on phones (below 60em, where it is hidden until opened).
 *
 * While the drawer is open, everything outside it is inert, so Tab and Shift+Tab stay in the
 * menu (a modal dialog's focus, WCAG 2.4.3); Escape closes it and gives focus back to its button.
 * The "←" title of an open sub-panel becomes a button that closes the sub-panel, and focus follows
 * the reader between the levels. What is closed inside the drawer leaves the tab order by CSS
 * (malmoandan.css, visibility), which also holds without JavaScript.
 *
 * A table wrapper (macros/templates/table.html) is a focusable region so that a table wider
 * than the screen can be scrolled by keyboard; one that does not scroll leaves the tab order.
 */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  if (!drawer || !search) {
    return;
  }
  var sidebar = document.querySelector(".md-sidebar--primary");
  var searchInner = document.querySelector(".md-search__inner");
  var searchOutput = document.querySelector(".md-search__output");
  // The same breakpoints as Material's stylesheet.
  var drawerMode = window.matchMedia("(max-width: 76.234375em)");
  var phone = window.matchMedia("(max-width: 59.984375em)");
  var buttons = document.querySelectorAll("[data-ma-toggle]");

  // The first thing in ``root`` that can take focus and is shown (in an open drawer, the level
  // an open sub-panel covers is hidden by CSS: the first stop is then the sub-panel's title).
  function firstVisible(root) {
    var candidates = root ? root.querySelectorAll("a[href], label[tabindex], button, input:not([type=checkbox])") : [];
    for (var i = 0; i < candidates.length; i++) {
      var style = window.getComputedStyle(candidates[i]);
      if (style.visibility === "visible" && style.display !== "none" && candidates[i].getClientRects().length) {
        return candidates[i];
      }
    }
    return null;
  }

  function setInert(element, value) {
    if (element) {
      element.inert = value;
    }
  }

  // The elements made inert while the drawer is open: every sibling of the drawer and of each
  // of its ancestors, except Material's overlay (a tap on it closes the menu).
  var outside = [];

  function containFocus(open) {
    outside.forEach(function (element) {
      element.inert = false;
    });
    outside = [];
    if (!open || !sidebar) {
      return;
    }
    for (var node = sidebar; node && node !== document.body; node = node.parentElement) {
      Array.prototype.forEach.call(node.parentElement.children, function (sibling) {
        if (sibling !== node && !sibling.inert && !/^(SCRIPT|STYLE|INPUT)$/.test(sibling.tagName) && !sibling.classList.contains("md-overlay")) {
          sibling.inert = true;
          outside.push(sibling);
        }
      });
    }
  }

  function update() {
    buttons.forEach(function (button) {
      var box = document.getElementById(button.getAttribute("data-ma-toggle"));
      button.setAttribute("aria-expanded", box && box.checked ? "true" : "false");
    });
    setInert(sidebar, drawerMode.matches && !drawer.checked);
    setInert(searchInner, phone.matches && !search.checked);
    setInert(searchOutput, !search.checked);
    containFocus(drawerMode.matches && drawer.checked);
  }

  // The title of each sub-panel ("← Årsrapporter", "← Innehållsförteckning") closes it; the
  // current page's label opens its contents list. Both take focus as Material's section labels
  // do (a tabindex, no role: ARIA allows a <label> none, and the label names its checkbox).
  var SUB_PANEL = "[for^='__nav'], [for='__toc']";
  document.querySelectorAll(
    ".md-nav--primary .md-nav__title:is(" + SUB_PANEL + "), .md-nav--primary label.md-nav__link[for='__toc']"
  ).forEach(function (label) {
    label.tabIndex = 0;
  });

  // Material clicks a focused label on Enter; Space does the same here. When a sub-panel opens
  // or closes from its focused label, focus follows the reader: to the opened panel's title, or
  // back to the section's label on the level above.
  document.addEventListener("keydown", function (event) {
    var label = event.target.closest && event.target.closest(".md-nav--primary label[tabindex]:is(" + SUB_PANEL + ")");
    if (label && event.key === " ") {
      event.preventDefault();
      label.click();
    }
  });
  document.addEventListener("change", function (event) {
    var box = event.target;
    var focused = document.activeElement;
    if (!box.matches || !box.matches(".md-nav--primary .md-nav__toggle") || !focused || focused.htmlFor !== box.id) {
      return;
    }
    var target = box.checked
      ? box.parentElement.querySelector(":scope > .md-nav > .md-nav__title")
      : box.parentElement.querySelector(":scope > label.md-nav__link");
    if (target && target !== focused) {
      target.focus();
    }
  });

  // Table wrappers that never scroll are no stop for the keyboard.
  var wrappers = document.querySelectorAll(".ma-table-wrap[tabindex]");
  function updateWrappers() {
    wrappers.forEach(function (wrapper) {
      // The same test as axe's scrollable-region-focusable: any overflow, a pixel included.
      if (wrapper.scrollWidth > wrapper.clientWidth) {
        wrapper.setAttribute("tabindex", "0");
      } else {
        wrapper.removeAttribute("tabindex");
      }
    });
  }
  window.addEventListener("resize", updateWrappers);
  // A table can widen after this script ran (the theme's own script lays out the page after
  // it loads): follow each table's size, not only the window's.
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(updateWrappers);
    wrappers.forEach(function (wrapper) {
      observer.observe(wrapper);
      if (wrapper.firstElementChild) {
        observer.observe(wrapper.firstElementChild);
      }
    });
  }
  updateWrappers();

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var box = document.getElementById(button.getAttribute("data-ma-toggle"));
      box.click(); // toggles the checkbox and fires "change", which Material listens to
      if (box.checked) {
        var first = box === search
          ? document.querySelector(".md-search__input")
          : firstVisible(sidebar);
        if (first) {
          first.focus();
        }
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.click();
      var menu = document.querySelector("[data-ma-toggle=__drawer]");
      if (menu) {
        menu.focus();
      }
    }
  });

  // Material sets the checkboxes itself too (the overlay, Escape, a search result, the "/"
  // shortcut); it fires "change" when it does.
  drawer.addEventListener("change", update);
  search.addEventListener("change", update);
  // Focusing the search field on a computer opens the search without a click on a button.
  if (searchInner) {
    searchInner.addEventListener("focusin", function () {
      window.setTimeout(update, 0);
    });
  }
  drawerMode.addEventListener("change", update);
  phone.addEventListener("change", update);
  update();
})();
