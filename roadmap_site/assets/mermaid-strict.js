/* roadmap-site: keep mermaid at securityLevel "strict", whoever initialises it.
 *
 * Material for MkDocs calls mermaid.initialize({startOnLoad: false, themeCSS, sequence})
 * once, just before drawing the first diagram. mermaid 11 rebuilds its site configuration
 * from its defaults on every initialize() call, so a value set earlier would be lost; its
 * default securityLevel is "strict" and a diagram cannot loosen it (securityLevel is one of
 * mermaid's "secure" keys that %%{init}%% directives may not set). This script pins it all
 * the same, in case a theme or a later release passes another level: it wraps initialize()
 * so every call ends with securityLevel "strict".
 *
 * It runs before Material uses mermaid: right after a self-hosted mermaid.min.js, or, when
 * Material fetches mermaid from its CDN later, by catching the assignment of window.mermaid.
 */
(function () {
  "use strict";

  function pin(mermaid) {
    if (!mermaid || typeof mermaid.initialize !== "function" || mermaid.__roadmapSiteStrict) {
      return mermaid;
    }
    var initialize = mermaid.initialize;
    mermaid.initialize = function (config) {
      var strict = Object.assign({}, config || {}, { securityLevel: "strict" });
      return initialize.call(this, strict);
    };
    mermaid.__roadmapSiteStrict = true;
    return mermaid;
  }

  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) {
    pin(window.mermaid);
    return;
  }
  // Not loaded yet (Material will load it from its CDN): pin it as soon as it is assigned.
  try {
    var value;
    Object.defineProperty(window, "mermaid", {
      configurable: true,
      enumerable: true,
      get: function () {
        return value;
      },
      set: function (loaded) {
        value = pin(loaded);
      },
    });
  } catch (error) {
    // A non-configurable window.mermaid: leave it, mermaid's default is strict anyway.
  }
})();
