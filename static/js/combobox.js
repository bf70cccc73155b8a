// Choosing a person by name: turns the text box of a person field
// (core/widgets.py) into a WAI-ARIA combobox with a listbox of the people
// found as the user types, fetched with htmx. Without this file the box
// works as it is: the server looks the written name up when the form is sent.
//
// Keys, as the WAI-ARIA Authoring Practices' combobox with a listbox popup:
// Down and Up move through the people found (Alt+Down opens the list),
// Enter chooses the highlighted one, Escape closes the list (and clears the
// box when it is closed), Tab leaves; a click chooses too.
(function () {
  "use strict";
  if (window.mandatCombobox) return;
  window.mandatCombobox = true;

  var DELAY = 200;

  function setUp(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "true";
    var input = box.querySelector('input[type="text"]');
    var chosen = box.querySelector("input[data-person-id]");
    var listbox = box.querySelector('[role="listbox"]');
    var status = box.querySelector('[role="status"]');
    var timer = null;
    var asked = "";
    var active = -1;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function options() {
      return Array.prototype.slice.call(listbox.querySelectorAll('[role="option"]'));
    }

    function announce(text) {
      status.textContent = text;
    }

    function open() {
      if (!options().length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      highlight(-1);
    }

    function highlight(index) {
      var all = options();
      active = index;
      all.forEach(function (option, number) {
        var on = number === index;
        option.setAttribute("aria-selected", on ? "true" : "false");
        option.classList.toggle("combobox__option--active", on);
        if (on) {
          input.setAttribute("aria-activedescendant", option.id);
          option.scrollIntoView({ block: "nearest" });
        }
      });
      if (index < 0) input.removeAttribute("aria-activedescendant");
    }

    function choose(option) {
      input.value = option.dataset.label;
      chosen.value = option.dataset.value;
      // A person chosen here replaces one chosen among the listed matches.
      box.querySelectorAll('input[type="radio"]').forEach(function (radio) {
        radio.checked = false;
      });
      asked = input.value;
      close();
      announce("");
    }

    function search() {
      var text = input.value.trim();
      asked = input.value;
      if (!text) {
        listbox.innerHTML = "";
        close();
        announce("");
        return;
      }
      var url = box.dataset.searchUrl;
      window.htmx
        .ajax("GET", url, {
          target: listbox,
          swap: "innerHTML",
          values: { q: text },
        })
        .then(function () {
          if (input.value !== asked) return; // typed on meanwhile
          var all = options();
          all.forEach(function (option, number) {
            option.id = listbox.id + "-" + number;
            option.setAttribute("aria-selected", "false");
          });
          active = -1;
          if (!all.length) {
            close();
            announce(box.dataset.foundNone);
            return;
          }
          var more = all[all.length - 1].hasAttribute("data-more");
          var message = more ? box.dataset.foundMore : box.dataset.foundMany;
          announce(message.replace("#", String(all.length)));
          if (document.activeElement === input) open();
        });
    }

    input.addEventListener("input", function () {
      // What is written no longer names the person chosen before.
      chosen.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      var expanded = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!expanded) {
            open();
            if (!event.altKey && all.length) highlight(0);
          } else if (all.length) {
            highlight(active + 1 >= all.length ? 0 : active + 1);
          }
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!expanded) {
            open();
            if (all.length) highlight(all.length - 1);
          } else if (all.length) {
            highlight(active <= 0 ? all.length - 1 : active - 1);
          }
          break;
        case "Enter":
          if (expanded && active >= 0) {
            event.preventDefault();
            choose(all[active]);
          }
          break;
        case "Escape":
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            chosen.value = "";
            asked = "";
          }
          break;
        case "Tab":
          close();
          break;
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });

    // mousedown, not click: the box keeps the focus while an option is taken.
    listbox.addEventListener("mousedown", function (event) {
      var option = event.target.closest('[role="option"]');
      if (!option) return;
      event.preventDefault();
      choose(option);
    });

    box.addEventListener("change", function (event) {
      if (event.target.type === "radio" && event.target.checked) {
        input.value = event.target.dataset.label;
        chosen.value = event.target.value;
      }
    });
  }

  function setUpAll(root) {
    (root || document).querySelectorAll("[data-person-search]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUpAll();
    });
  } else {
    setUpAll();
  }
  document.addEventListener("htmx:load", function (event) {
    setUpAll(event.target);
  });
})();
