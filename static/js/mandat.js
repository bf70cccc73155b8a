// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen readers announce the errors
  // and keyboard users start from the list of links to the fields.
  const summary = document.querySelector(".error-summary[tabindex]");
  if (summary) {
    summary.focus();
  }
});
