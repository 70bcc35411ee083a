/* roadmap-site: reader progress tracking.
 *
 * On a page with checklist items (<span class="rs-item" data-rs-item="ITEM-ID"> inside a
 * task list), a reader can switch on "Track my own progress". Each item then gets a second,
 * square checkbox that belongs to the reader; the owner's tick (the disabled task-list
 * checkbox, drawn by Material as a round green tick) stays as it is. Ticks live in this browser's localStorage, per page (the page's
 * path inside the site stands for the roadmap) and per item id, so reordering or editing
 * the YAML keeps them. They can be exported to a JSON file, imported (merged: an import adds
 * ticks and never removes one) and reset.
 *
 * Ticks are never lost silently. A stored tick whose item is no longer on the page (the
 * owner renamed or removed it) is announced, with its id, and the reader chooses: keep it
 * (it counts again if the item comes back; the notice is not shown again for it) or clear
 * it. An import checks the ticks of this page against its items and reports the ones it
 * ignored; ticks of other pages are checked the same way when they are opened. A site
 * keeps at most MAX_TICKS ticks in MAX_BYTES of storage (several sites can share one
 * origin's few megabytes); a tick or an import past that is refused with a message.
 *
 * No dependencies and no build step. With Material's instant navigation the page content is
 * swapped without a reload: Material's document$ emits for every page, so the controls are
 * mounted again each time; without Material, DOMContentLoaded is used.
 */
(function () {
  "use strict";

  var FORMAT = "roadmap-site/reader-progress";
  var VERSION = 1;
  var ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var MAX_ID_LENGTH = 200;
  var MAX_PAGE_LENGTH = 500;
  var MAX_IDS_PER_PAGE = 20000;
  var MAX_IMPORT_BYTES = 2 * 1024 * 1024;
  var MAX_TICKS = 5000; // ticks stored per site, all pages together (documented in README)
  var MAX_BYTES = 256 * 1024; // the stored JSON of a site, in UTF-16 code units
  var LISTED_IDS = 10; // ids named in a message; the rest are counted

  // This file is published at <site>/assets/roadmap-site/reader.js: the site's root is two
  // folders up. Storage is keyed by it, as several sites can share one origin (GitHub Pages).
  var script = document.currentScript;
  var root = script && script.src ? new URL("../../", script.src) : new URL("/", location.href);
  var STORE_KEY = "roadmap-site:reader:v1:" + root.pathname;
  var memoryCopy = null; // used when localStorage is unavailable (private mode, disabled)

  /* ---- state ------------------------------------------------------------------------- */

  function emptyState() {
    return { tracking: {}, ticked: {}, kept: {} };
  }

  function validPage(page) {
    return typeof page === "string" && page.length <= MAX_PAGE_LENGTH && !/[\u0000-\u001f]/.test(page);
  }

  function validId(id) {
    return typeof id === "string" && id.length <= MAX_ID_LENGTH && ID_PATTERN.test(id);
  }

  // Keep only well-formed entries of a stored state, whatever is in storage.
  function normalize(data) {
    var state = emptyState();
    if (!data || typeof data !== "object") return state;
    var tracking = data.tracking && typeof data.tracking === "object" ? data.tracking : {};
    var ticked = data.ticked && typeof data.ticked === "object" ? data.ticked : {};
    var kept = data.kept && typeof data.kept === "object" ? data.kept : {};
    Object.keys(tracking).forEach(function (page) {
      if (validPage(page) && tracking[page] === true) state.tracking[page] = true;
    });
    [
      [ticked, state.ticked],
      [kept, state.kept],
    ].forEach(function (pair) {
      Object.keys(pair[0]).forEach(function (page) {
        if (validPage(page) && Array.isArray(pair[0][page])) {
          var ids = pair[0][page].filter(validId);
          if (ids.length) pair[1][page] = unique(ids);
        }
      });
    });
    return state;
  }

  function unique(ids) {
    var seen = {};
    return ids.filter(function (id) {
      if (Object.prototype.hasOwnProperty.call(seen, id)) return false;
      seen[id] = true;
      return true;
    });
  }

  function load() {
    var raw;
    try {
      raw = window.localStorage.getItem(STORE_KEY);
    } catch (error) {
      raw = memoryCopy;
    }
    try {
      return normalize(raw ? JSON.parse(raw) : null);
    } catch (error) {
      return emptyState();
    }
  }

  // Returns false when the browser refused to store (the state is then kept for this visit).
  function save(state) {
    var raw = JSON.stringify(state);
    memoryCopy = raw;
    try {
      window.localStorage.setItem(STORE_KEY, raw);
      return true;
    } catch (error) {
      return false;
    }
  }

  function tickCount(state) {
    return Object.keys(state.ticked).reduce(function (sum, page) {
      return sum + state.ticked[page].length;
    }, 0);
  }

  // Why a state that gained ticks may not be stored (the cap), or null when it may.
  function overCap(state) {
    var count = tickCount(state);
    if (count > MAX_TICKS) return count + " ticks, more than the " + MAX_TICKS + " this site keeps";
    if (JSON.stringify(state).length > MAX_BYTES) return "more than the " + MAX_BYTES / 1024 + " KB this site keeps";
    return null;
  }

  var CAP_ADVICE = "Export your ticks, then clear the ones you no longer need (Reset on a page you finished).";

  // "a, b, c and 2 more": the ids a message names.
  function listed(ids) {
    var shown = ids.slice(0, LISTED_IDS).join(", ");
    return ids.length > LISTED_IDS ? shown + " and " + (ids.length - LISTED_IDS) + " more" : shown;
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  // The page's path inside the site, e.g. "roadmaps/ai-engineering/".
  function pageKey() {
    var path = location.pathname.replace(/index\.html$/, "");
    if (path.indexOf(root.pathname) === 0) path = path.slice(root.pathname.length);
    try {
      path = decodeURI(path);
    } catch (error) {
      // keep it encoded
    }
    return path || "/";
  }

  /* ---- export and import ------------------------------------------------------------- */

  function exportDocument(state) {
    var roadmaps = {};
    Object.keys(state.ticked)
      .sort()
      .forEach(function (page) {
        if (state.ticked[page].length) roadmaps[page] = state.ticked[page].slice().sort();
      });
    return {
      format: FORMAT,
      version: VERSION,
      site: root.href,
      exported: new Date().toISOString(),
      roadmaps: roadmaps,
    };
  }

  // Throws an Error with a message for the reader when the document is not an export.
  function parseImport(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error("the file is not JSON");
    }
    if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("expected a JSON object");
    if (data.format !== FORMAT) throw new Error('expected "format": "' + FORMAT + '"');
    if (data.version !== VERSION) throw new Error("unsupported version " + JSON.stringify(data.version));
    var roadmaps = data.roadmaps;
    if (!roadmaps || typeof roadmaps !== "object" || Array.isArray(roadmaps)) {
      throw new Error('expected "roadmaps": an object of page paths to lists of item ids');
    }
    var result = {};
    Object.keys(roadmaps).forEach(function (page) {
      var ids = roadmaps[page];
      if (!validPage(page)) throw new Error("invalid roadmap key " + JSON.stringify(page.slice(0, 60)));
      if (!Array.isArray(ids) || ids.length > MAX_IDS_PER_PAGE) {
        throw new Error("roadmap " + JSON.stringify(page) + ": expected a list of item ids");
      }
      ids.forEach(function (id) {
        if (!validId(id)) {
          throw new Error("roadmap " + JSON.stringify(page) + ": invalid item id " + JSON.stringify(String(id).slice(0, 60)));
        }
      });
      if (ids.length) result[page] = unique(ids);
    });
    return result;
  }

  // Adds the imported ticks to the state. Ticks of the page open now (`page`) must match
  // one of its items (`known`, a set of ids); the others are left out and returned.
  function mergeImport(state, imported, page, known) {
    var added = 0;
    var ignored = [];
    Object.keys(imported).forEach(function (key) {
      var ids = imported[key];
      if (key === page) {
        ignored = ids.filter(function (id) {
          return !known[id];
        });
        ids = ids.filter(function (id) {
          return known[id];
        });
        if (!ids.length) return;
      }
      var before = state.ticked[key] || [];
      var merged = unique(before.concat(ids));
      added += merged.length - before.length;
      state.ticked[key] = merged;
      state.tracking[key] = true;
    });
    return { added: added, ignored: ignored };
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  /* ---- page ---------------------------------------------------------------------------- */

  var current = null; // the mounted page: { page, article, bar, summary, status, toggle, tools }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function items(article) {
    return Array.prototype.filter.call(article.querySelectorAll(".task-list-item .rs-item[data-rs-item]"), function (span) {
      return validId(span.getAttribute("data-rs-item"));
    });
  }

  function buildBar() {
    var bar = element("div", { class: "rs-reader", role: "group", "aria-label": "Your own progress" });
    var toggle = element(
      "button",
      { type: "button", class: "md-button rs-reader__toggle", "aria-pressed": "false", "data-rs-action": "toggle" },
      "Track my own progress"
    );
    var tools = element("span", { class: "rs-reader__tools" });
    tools.appendChild(element("button", { type: "button", class: "md-button", "data-rs-action": "export" }, "Export"));
    tools.appendChild(element("button", { type: "button", class: "md-button", "data-rs-action": "import" }, "Import"));
    tools.appendChild(element("button", { type: "button", class: "md-button", "data-rs-action": "reset" }, "Reset"));
    var file = element("input", {
      type: "file",
      accept: ".json,application/json",
      class: "rs-reader__file",
      "aria-label": "Progress file to import",
      hidden: "",
    });
    tools.appendChild(file);
    var summary = element("p", { class: "rs-reader__summary" });
    var status = element("p", { class: "rs-reader__status", role: "status", "aria-live": "polite" });
    // Ticks that match no item: a live region, so that it is read out when it appears.
    var notice = element("div", { class: "rs-reader__notice", role: "status", "aria-live": "polite" });
    var noticeText = element("p", { class: "rs-reader__notice-text" });
    var noticeTools = element("span", { class: "rs-reader__notice-tools" });
    noticeTools.appendChild(
      element(
        "button",
        { type: "button", class: "md-button", "data-rs-action": "keep" },
        "Keep these ticks"
      )
    );
    noticeTools.appendChild(
      element(
        "button",
        { type: "button", class: "md-button", "data-rs-action": "clear" },
        "Clear these ticks"
      )
    );
    notice.appendChild(noticeText);
    notice.appendChild(noticeTools);
    var legend = element(
      "p",
      { class: "rs-reader__legend" },
      "The square boxes are yours, the round green ticks are the owner's. Your ticks stay in this browser only."
    );
    bar.appendChild(toggle);
    bar.appendChild(tools);
    bar.appendChild(summary);
    bar.appendChild(legend);
    bar.appendChild(notice);
    bar.appendChild(status);
    bar.addEventListener("click", onAction);
    file.addEventListener("change", onFile);
    return bar;
  }

  function mount() {
    var article = document.querySelector("article.md-content__inner") || document.querySelector("main") || document.body;
    if (current && current.article === article && article.contains(current.bar)) return; // mounted already
    var stored = load().ticked[pageKey()];
    // A page whose items are all gone still says what became of the reader's ticks.
    if (!items(article).length && !(stored && stored.length)) {
      current = null;
      return;
    }
    var bar = buildBar();
    var heading = article.querySelector("h1");
    if (heading && heading.parentNode) heading.parentNode.insertBefore(bar, heading.nextSibling);
    else article.insertBefore(bar, article.firstChild);
    current = {
      page: pageKey(),
      article: article,
      bar: bar,
      summary: bar.querySelector(".rs-reader__summary"),
      status: bar.querySelector(".rs-reader__status"),
      toggle: bar.querySelector(".rs-reader__toggle"),
      tools: bar.querySelector(".rs-reader__tools"),
      notice: bar.querySelector(".rs-reader__notice"),
      noticeText: bar.querySelector(".rs-reader__notice-text"),
    };
    article.addEventListener("change", onTick);
    article.addEventListener("click", onItemClick);
    render();
  }

  function render() {
    if (!current) return;
    var state = load();
    var on = state.tracking[current.page] === true;
    var ticked = {};
    (state.ticked[current.page] || []).forEach(function (id) {
      ticked[id] = true;
    });
    current.toggle.setAttribute("aria-pressed", on ? "true" : "false");
    current.tools.hidden = !on;
    current.bar.classList.toggle("rs-reader--on", on);
    current.article.classList.toggle("rs-reader-tracking", on);
    var spans = items(current.article);
    var done = 0;
    spans.forEach(function (span) {
      var id = span.getAttribute("data-rs-item");
      var box = span.previousElementSibling;
      var has = box && box.classList.contains("rs-reader-box");
      if (!on) {
        if (has) box.remove();
        return;
      }
      if (!has) {
        box = element("input", {
          type: "checkbox",
          class: "rs-reader-box",
          "data-rs-reader": id,
          title: "My progress",
          "aria-label": "My progress: " + span.textContent.replace(/\s+/g, " ").trim(),
        });
        span.parentNode.insertBefore(box, span);
      }
      box.checked = ticked[id] === true;
      if (box.checked) done += 1;
    });
    current.summary.textContent = on ? "You have ticked " + done + " of " + spans.length + " items on this page." : "";
    current.toggle.hidden = !spans.length;
    var orphans = unmatched(state);
    current.notice.hidden = !orphans.length;
    var text = orphans.length
      ? plural(orphans.length, "of your ticks no longer matches an item", "of your ticks no longer match an item") +
        " on this page (the owner may have renamed or removed " +
        (orphans.length === 1 ? "it" : "them") +
        "): " +
        listed(orphans) +
        ". Keep them, and they count again if the items come back; or clear them."
      : "";
    // only a change is written, so that the live region reads it once
    if (current.noticeText.textContent !== text) current.noticeText.textContent = text;
  }

  // The ids of the items on the open page, as a set.
  function pageIds() {
    var known = {};
    items(current.article).forEach(function (span) {
      known[span.getAttribute("data-rs-item")] = true;
    });
    return known;
  }

  // Stored ticks of the open page that match no item on it and that the reader has not
  // chosen to keep.
  function unmatched(state) {
    var known = pageIds();
    var kept = {};
    (state.kept[current.page] || []).forEach(function (id) {
      kept[id] = true;
    });
    return (state.ticked[current.page] || []).filter(function (id) {
      return !known[id] && !kept[id];
    });
  }

  // Re-draw, then announce the outcome of an action (a live region reads it out).
  function say(message) {
    if (!current) return;
    render();
    current.status.textContent = message;
  }

  function onTick(event) {
    var box = event.target;
    if (!current || !box.classList || !box.classList.contains("rs-reader-box")) return;
    var id = box.getAttribute("data-rs-reader");
    var state = load();
    var ids = (state.ticked[current.page] || []).filter(function (other) {
      return other !== id;
    });
    if (box.checked) ids.push(id);
    if (ids.length) state.ticked[current.page] = ids;
    else delete state.ticked[current.page];
    var full = box.checked ? overCap(state) : null;
    if (full) {
      say("This tick was not saved: it would make " + full + ". " + CAP_ADVICE);
      return;
    }
    var stored = save(state);
    render();
    if (!stored) say("Your browser does not allow saving here: ticks will be lost when you leave the page.");
  }

  // Clicking an item's text ticks the reader's box, as clicking a label would.
  function onItemClick(event) {
    if (!current || !current.article.classList.contains("rs-reader-tracking")) return;
    var span = event.target.closest ? event.target.closest(".rs-item") : null;
    if (!span || event.target.closest("a")) return;
    var box = span.previousElementSibling;
    if (box && box.classList.contains("rs-reader-box")) box.click();
  }

  function onAction(event) {
    var button = event.target.closest ? event.target.closest("[data-rs-action]") : null;
    if (!button || !current) return;
    var action = button.getAttribute("data-rs-action");
    var state = load();
    if (action === "toggle") {
      if (state.tracking[current.page]) delete state.tracking[current.page];
      else state.tracking[current.page] = true;
      save(state);
      say(state.tracking[current.page] ? "Tracking is on: tick the square boxes." : "Tracking is off; your ticks are kept.");
    } else if (action === "export") {
      var stamp = new Date().toISOString().slice(0, 10);
      download("roadmap-progress-" + stamp + ".json", JSON.stringify(exportDocument(state), null, 2) + "\n");
      say("Exported your ticks of every roadmap on this site.");
    } else if (action === "import") {
      current.bar.querySelector(".rs-reader__file").click();
    } else if (action === "reset") {
      if (!window.confirm("Clear your own ticks on this page? The owner's progress is not affected.")) return;
      delete state.ticked[current.page];
      delete state.kept[current.page];
      save(state);
      say("Your ticks on this page were cleared.");
    } else if (action === "keep" || action === "clear") {
      var orphans = unmatched(state);
      if (!orphans.length) return;
      var gone = {};
      orphans.forEach(function (id) {
        gone[id] = true;
      });
      var ticked = state.ticked[current.page] || [];
      // kept ids that are still stored, plus these
      var kept = (state.kept[current.page] || []).filter(function (id) {
        return ticked.indexOf(id) >= 0 && !gone[id];
      });
      if (action === "keep") {
        state.kept[current.page] = kept.concat(orphans);
      } else {
        ticked = ticked.filter(function (id) {
          return !gone[id];
        });
        if (ticked.length) state.ticked[current.page] = ticked;
        else delete state.ticked[current.page];
        if (kept.length) state.kept[current.page] = kept;
        else delete state.kept[current.page];
      }
      save(state);
      say(
        action === "keep"
          ? "Kept " + plural(orphans.length, "tick", "ticks") + " that match no item; they count again if the items come back."
          : "Cleared " + plural(orphans.length, "tick", "ticks") + " that matched no item."
      );
    }
  }

  function onFile(event) {
    var input = event.target;
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      say("Import failed: the file is larger than 2 MB.");
      return;
    }
    file.text().then(
      function (text) {
        var imported;
        try {
          imported = parseImport(text);
        } catch (error) {
          say("Import failed: " + error.message + ". Nothing was changed.");
          return;
        }
        var state = load();
        var before = tickCount(state);
        var result = mergeImport(state, imported, current.page, pageIds());
        var full = tickCount(state) > before ? overCap(state) : null;
        if (full) {
          say("Import failed: it would make " + full + ". Nothing was changed. " + CAP_ADVICE);
          return;
        }
        var pages = Object.keys(imported).filter(function (page) {
          return page !== current.page || imported[page].length > result.ignored.length;
        }).length;
        save(state);
        var message = "Imported " + plural(result.added, "new tick", "new ticks") + " on " + plural(pages, "page", "pages") + ".";
        if (result.ignored.length) {
          message +=
            " Ignored " +
            plural(result.ignored.length, "tick that matches no item", "ticks that match no item") +
            " on this page: " +
            listed(result.ignored) +
            ".";
        }
        say(message);
      },
      function () {
        say("Import failed: the file could not be read.");
      }
    );
  }

  // Another tab changed the ticks: show them here too.
  window.addEventListener("storage", function (event) {
    if (event.key === STORE_KEY) render();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mount);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
