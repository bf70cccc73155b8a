// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen readers announce the errors
  // and keyboard users start from the list of links to the fields.
  const summary = document.querySelector(".error-summary[tabindex]");
  if (summary) {
    summary.focus();
  }

  // A table wider than the screen scrolls inside its .table-wrap: that
  // region then takes the keyboard focus (to scroll with the arrow keys)
  // and is named by the table's caption; a table that fits is no tab stop.
  const regions = [...document.querySelectorAll(".table-wrap")];
  const reachable = () => {
    regions.forEach((region) => {
      if (region.scrollWidth > region.clientWidth + 1) {
        const caption = region.querySelector("caption");
        region.tabIndex = 0;
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
      } else if (region.hasAttribute("tabindex")) {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
    });
  };
  reachable();
  window.addEventListener("resize", reachable);

  // A target rule's form: only the fields the chosen kind of rule reads.
  document.querySelectorAll("[data-rule-kind]").forEach((kind) => {
    const form = kind.closest("form");
    const show = () => {
      form.querySelectorAll("[data-rule-kinds]").forEach((input) => {
        const field = input.closest(".field");
        if (field) {
          field.hidden = !input.dataset.ruleKinds.split(" ").includes(kind.value);
        }
      });
    };
    kind.addEventListener("change", show);
    show();
  });

  // The main menu: on a phone it folds behind a menu button; its groups
  // open one at a time and close on Escape or a click elsewhere. Without
  // this file the menu is simply open and the groups are <details>.
  const nav = document.querySelector(".main-nav");
  if (nav) {
    const toggle = nav.querySelector(".main-nav__toggle");
    const list = nav.querySelector(".main-nav__list");
    const narrow = window.matchMedia("(max-width: 48rem)");
    const fold = () => {
      toggle.hidden = !narrow.matches;
      list.classList.toggle("is-folded", narrow.matches);
      toggle.setAttribute("aria-expanded", "false");
    };
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      list.classList.toggle("is-folded", !open);
    });
    narrow.addEventListener("change", fold);
    fold();
    const groups = [...nav.querySelectorAll(".main-nav__group details")];
    groups.forEach((group) => {
      group.addEventListener("toggle", () => {
        if (group.open) {
          groups.filter((other) => other !== group).forEach((other) => {
            other.open = false;
          });
        }
      });
    });
    document.addEventListener("click", (event) => {
      if (!narrow.matches && !nav.contains(event.target)) {
        groups.forEach((group) => { group.open = false; });
      }
    });
    document.addEventListener("keydown", (event) => {
      const open = groups.find((group) => group.open);
      if (event.key === "Escape" && open) {
        open.open = false;
        open.querySelector("summary").focus();
      }
    });
  }
});
