/* roadmap-site: print every section of a page, expanded.
 *
 * Collapsed <details> blocks (pymdownx.details, "???") would print as their summary line
 * only. Chromium also prints them open through roadmap.css (details::details-content);
 * for other browsers they are opened before printing and closed again afterwards.
 */
(function () {
  "use strict";

  var opened = [];

  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (details) {
      details.open = true;
      return true;
    });
  });

  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });
})();
