// A small rich-text editor for meeting notes: bold, italics, lists and
// links, written into the textarea the form sends. Without JavaScript the
// textarea works as it is; the server keeps only safe tags either way.
(function () {
  "use strict";
  function button(label, command, value) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button button--secondary richtext__button";
    b.textContent = label;
    b.addEventListener("click", function () {
      var arg = value;
      if (command === "createLink") {
        arg = window.prompt(b.dataset.prompt || "https://");
        if (!arg) return;
      }
      document.execCommand(command, false, arg);
      b.closest(".richtext").querySelector("[contenteditable]").focus();
    });
    return b;
  }
  function enhance(textarea) {
    var labels = document.querySelectorAll('label[for="' + textarea.id + '"]');
    var label = labels[0];
    if (label && !label.id) label.id = textarea.id + "_label";
    var wrap = document.createElement("div");
    wrap.className = "richtext";
    var bar = document.createElement("div");
    bar.className = "richtext__toolbar";
    bar.setAttribute("role", "toolbar");
    if (label) bar.setAttribute("aria-labelledby", label.id);
    var t = textarea.dataset;
    bar.append(
      button(t.bold || "Fet", "bold"),
      button(t.italic || "Kursiv", "italic"),
      button(t.bullets || "Punktlista", "insertUnorderedList"),
      button(t.numbers || "Numrerad lista", "insertOrderedList"),
      button(t.link || "Länk", "createLink")
    );
    var editor = document.createElement("div");
    editor.className = "richtext__editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    if (label) editor.setAttribute("aria-labelledby", label.id);
    var help = textarea.getAttribute("aria-describedby");
    if (help) editor.setAttribute("aria-describedby", help);
    var value = textarea.value.trim();
    if (value && value.indexOf("<") === -1) {
      value = value.split(/\n\s*\n/).map(function (block) {
        var p = document.createElement("p");
        p.textContent = block;
        return p.outerHTML;
      }).join("");
    }
    editor.innerHTML = value;
    editor.addEventListener("input", function () {
      textarea.value = editor.innerHTML;
    });
    wrap.append(bar, editor);
    textarea.hidden = true;
    textarea.after(wrap);
    if (label) label.addEventListener("click", function () { editor.focus(); });
  }
  document.querySelectorAll("textarea[data-richtext]").forEach(enhance);
})();
