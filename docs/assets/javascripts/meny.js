/* The header's menu and search buttons (overrides/partials/header.html), and the closed menu and
 * search kept out of the keyboard's way.
 *
 * Material opens its phone menu ("drawer") and its search with hidden checkboxes (#__drawer,
 * #__search) and <label>s, which cannot take focus and have no name. The header has real
 * <button>s instead; this script makes them toggle the checkboxes, keeps aria-expanded true to
 * the state, and sets `inert` on whatever is closed and off-screen: the drawer while it is a
 * drawer (below 76.25em) and closed, the search results while the search is closed, and the
 * whole search field on phones (below 60em, where it is hidden until opened). Escape closes the
 * menu and gives focus back to its button.
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

  function setInert(element, value) {
    if (element) {
      element.inert = value;
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
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      var box = document.getElementById(button.getAttribute("data-ma-toggle"));
      box.click(); // toggles the checkbox and fires "change", which Material listens to
      if (box.checked) {
        var first = box === search
          ? document.querySelector(".md-search__input")
          : sidebar && sidebar.querySelector("a[href], label[tabindex], input:not([type=checkbox])");
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
