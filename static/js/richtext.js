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
  var ALLOWED = ["P", "BR", "STRONG", "B", "EM", "I", "U", "UL", "OL", "LI", "A"];
  // Keep only the tags the server keeps, so text sent back after an error is
  // shown as the server would store it, never as live markup.
  function safeNodes(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    (function walk(node) {
      Array.prototype.slice.call(node.childNodes).forEach(function (child) {
        if (child.nodeType === 1) {
          walk(child);
          if (ALLOWED.indexOf(child.tagName) === -1) {
            while (child.firstChild) child.parentNode.insertBefore(child.firstChild, child);
            child.remove();
            return;
          }
          Array.prototype.slice.call(child.attributes).forEach(function (attribute) {
            var keep = child.tagName === "A" && attribute.name === "href" &&
              /^(https?:|mailto:)/i.test(attribute.value);
            if (!keep) child.removeAttribute(attribute.name);
          });
        } else if (child.nodeType !== 3) {
          child.remove();
        }
      });
    })(doc.body);
    return Array.prototype.slice.call(doc.body.childNodes);
  }
  function enhance(textarea) {
    var label = document.querySelector('label[for="' + textarea.id + '"]');
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
      value.split(/\n\s*\n/).forEach(function (block) {
        var p = document.createElement("p");
        p.textContent = block;
        editor.append(p);
      });
    } else if (value) {
      editor.append.apply(editor, safeNodes(value));
    }
    // The error summary and the label point at the field's id: give it to the
    // editor, which is what people type in.
    var id = textarea.id;
    textarea.id = id + "_source";
    editor.id = id;
    if (textarea.getAttribute("aria-invalid")) editor.setAttribute("aria-invalid", "true");
    editor.addEventListener("input", function () {
      textarea.value = editor.innerHTML;
    });
    wrap.append(bar, editor);
    textarea.hidden = true;
    textarea.after(wrap);
    if (label) {
      label.removeAttribute("for");
      label.addEventListener("click", function () { editor.focus(); });
    }
  }
  document.execCommand("defaultParagraphSeparator", false, "p");
  document.querySelectorAll("textarea[data-richtext]").forEach(enhance);
})();
