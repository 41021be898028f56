/* Playbook Builder: onboarding checklists that remember what the reader ticked, a
 * "your path" bar that walks a new starter through their role's reading in order, and a
 * button that copies each holding reply.
 *
 * State lives in the reader's own browser (localStorage for ticks, sessionStorage for
 * the path being followed). Material's instant navigation swaps pages without reloading,
 * so everything is (re)attached on each page through its document$ observable, or once
 * on load under other themes. */
(function () {
  "use strict";

  var TICKS = "playbook:ticks:";
  var OLD_TICK = "playbook:tick:"; /* the first releases' keys: page address + item text */
  var PATH = "playbook:path";

  /* This version's home: this script is in assets/javascripts/ under it. The site's root
   * is the same, or under mike (Material's config names a version) the folder above. */
  var SCRIPT = document.currentScript;
  var HOME = new URL(SCRIPT ? "../../" : "/", SCRIPT ? SCRIPT.src : location.href);
  var ROOT = versioned() ? new URL("../", HOME) : HOME;

  function versioned() {
    var config = document.getElementById("__config");
    try {
      return !!(config && JSON.parse(config.textContent).version);
    } catch (error) {
      return false; /* not Material's config */
    }
  }

  function storage(kind) {
    try {
      var store = window[kind];
      var probe = "playbook:probe";
      store.setItem(probe, probe);
      store.removeItem(probe);
      return store;
    } catch (error) {
      return null; /* private mode or storage disabled: the page still works */
    }
  }

  function here() {
    return location.pathname.replace(/index\.html$/, "");
  }

  /* Ticks are kept per checklist, under TICKS + the site's root + the checklist's id from
   * the template (data-pb-checklist, "role/<role id>"), as {position: the item's text when
   * it was ticked}; the position is the box's data-pb-item. The root, not the page's
   * address: every version published with mike shares the reader's ticks, and two
   * playbooks on one host keep theirs apart.
   *
   * Why position and text: a profile gives its checklist items no ids, and nothing else
   * about an item is stable. Keyed by text (as first released), rewording an item lost
   * its tick; keyed by position alone, inserting an item would move the ticks below it
   * onto the wrong items. With both, a tick
   *   - follows its text to wherever that item is now (items added, removed, reordered);
   *   - else stays at its position, when the text it had there is gone from the list
   *     (the item was reworded).
   * An item both reworded and moved in one release cannot be told from a new item: its
   * tick is lost, or lands on whatever new item took its old position. */
  function checklists() {
    var store = storage("localStorage");
    document.querySelectorAll(".pb-checklist[data-pb-checklist]").forEach(function (list) {
      var key = TICKS + ROOT.pathname + list.getAttribute("data-pb-checklist");
      var boxes = Array.prototype.slice.call(list.querySelectorAll("input[data-pb-item]"));
      var texts = boxes.map(function (box) { return box.closest("label").textContent.trim(); });
      var saved = read(store, key);
      var savedTexts = Object.keys(saved).map(function (n) { return saved[n]; });

      function save() {
        if (!store) return;
        var ticked = {};
        boxes.forEach(function (box, i) {
          if (box.checked) ticked[box.getAttribute("data-pb-item")] = texts[i];
        });
        try {
          if (Object.keys(ticked).length) store.setItem(key, JSON.stringify(ticked));
          else store.removeItem(key);
        } catch (error) { /* storage full: the tick lasts until the page is left */ }
      }

      boxes.forEach(function (box, i) {
        var position = box.getAttribute("data-pb-item");
        /* A tick saved under the first releases' key is read once, then moved (below). */
        var old = OLD_TICK + here() + ":" + texts[i];
        box.disabled = false;
        box.checked = savedTexts.indexOf(texts[i]) >= 0 ||
          (Object.prototype.hasOwnProperty.call(saved, position) &&
            texts.indexOf(saved[position]) < 0) ||
          (!!store && store.getItem(old) === "1");
        if (store) store.removeItem(old);
        box.addEventListener("change", save);
      });
      save(); /* the ticks where they are now, and any old ones under the new key */
    });
  }

  function read(store, key) {
    try {
      var value = JSON.parse(store ? store.getItem(key) : "null");
      return value && typeof value === "object" ? value : {};
    } catch (error) {
      return {};
    }
  }

  function absolute(href) {
    var url = new URL(href, location.href);
    return url.pathname.replace(/index\.html$/, "") + url.hash;
  }

  function rememberPath() {
    var store = storage("sessionStorage");
    var path = document.querySelector(".pb-path");
    if (!store || !path) return;
    var steps = Array.prototype.map.call(path.querySelectorAll("a.pb-path__step"), function (a) {
      return { url: absolute(a.getAttribute("href")), title: a.textContent.trim() };
    });
    store.setItem(PATH, JSON.stringify({
      role: path.getAttribute("data-role-name"),
      start: here(),
      steps: steps
    }));
  }

  function pathBar() {
    var old = document.querySelector(".pb-pathbar");
    if (old) old.remove();
    document.body.classList.remove("pb-on-path");
    var store = storage("sessionStorage");
    var saved = store && store.getItem(PATH);
    if (!saved) return;
    var path = JSON.parse(saved);
    var current = here() + location.hash;
    var index = -1;
    path.steps.forEach(function (step, i) {
      if (index < 0 && (step.url === current || step.url === here())) index = i;
    });
    if (index < 0) return;
    var bar = document.createElement("nav");
    bar.className = "pb-pathbar";
    bar.setAttribute("aria-label", "Your onboarding path");
    var label = document.createElement("span");
    label.textContent = path.role + ": step " + (index + 1) + " of " + path.steps.length;
    bar.appendChild(label);
    var links = [
      ["Back to your path", path.start],
      index > 0 ? ["Previous: " + path.steps[index - 1].title, path.steps[index - 1].url] : null,
      index + 1 < path.steps.length
        ? ["Next: " + path.steps[index + 1].title, path.steps[index + 1].url] : null
    ];
    links.forEach(function (link) {
      if (!link) return;
      var a = document.createElement("a");
      a.textContent = link[0];
      a.href = link[1];
      bar.appendChild(a);
    });
    var content = document.querySelector("article") || document.body;
    content.insertBefore(bar, content.firstChild);
    onPath(path.steps[index + 1]);
  }

  /* While a reader follows a path: the bar stays in view (CSS keeps it under the header,
   * and a step deep in a long page lands below it), the page's own "Step n of 5" gives
   * way to the path's counter, and the footer's "Next" continues the path rather than the
   * site's order. */
  function onPath(next) {
    document.body.classList.add("pb-on-path");
    Array.prototype.forEach.call(document.querySelectorAll(".pb-step-label"), function (label) {
      label.hidden = true;
    });
    var footer = document.querySelector("a.md-footer__link--next");
    if (footer && next) {
      footer.href = next.url;
      footer.setAttribute("aria-label", "Next: " + next.title);
      var title = footer.querySelector(".md-ellipsis");
      if (title) title.textContent = next.title;
    }
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target) target.scrollIntoView();
  }

  /* The outdated banner's link to the latest version (overrides/main.html): to this same
   * page in the latest version, once a request shows that the page is there (a page
   * removed since then keeps the link to the latest version's home). */
  function latestLink() {
    var link = document.querySelector("[data-md-component=outdated] a[data-pb-latest]");
    if (!link || !window.fetch || location.pathname.indexOf(HOME.pathname) !== 0) return;
    var page = location.pathname.slice(HOME.pathname.length);
    var latest = encodeURIComponent(link.getAttribute("data-pb-latest"));
    var target = new URL(latest + "/" + page, ROOT);
    fetch(target.href, { method: "HEAD" }).then(function (response) {
      if (response.ok) link.href = target.href + location.hash;
    }, function () { /* offline: the link to the home page stays */ });
  }

  /* An anchor that moved to another page (the step pages' method went to the workshop)
   * is left behind as a hidden link to its new place, in .pb-moved: opened at that
   * anchor, the page follows the link, so links written before the move still land on
   * the content. */
  function followMoved() {
    var id = decodeURIComponent(location.hash.slice(1));
    var mark = id && document.getElementById(id);
    if (mark && mark.closest(".pb-moved") && mark.href) location.replace(mark.href);
  }

  /* Each holding reply gets a button that copies its text, for a reader who must post it
   * now, on a phone. A real <button>, so the keyboard reaches it; without JavaScript
   * there is no button and the text is still there to select. */
  function copyButtons() {
    var replies = document.querySelectorAll(".pb-reply");
    for (var i = 0; i < replies.length; i++) {
      var reply = replies[i];
      if (reply.querySelector(".pb-copy")) continue;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button pb-copy";
      button.textContent = "Copy the reply";
      var status = document.createElement("span");
      status.className = "pb-copy__status";
      status.setAttribute("role", "status");
      button.addEventListener("click", copier(reply, status));
      reply.appendChild(button);
      reply.appendChild(status);
    }
  }

  function copier(reply, status) {
    return function () {
      var parts = reply.querySelectorAll("p:not(.admonition-title)");
      var text = Array.prototype.map.call(parts, function (p) {
        return p.textContent.trim();
      }).join("\n\n");
      var done = function () { status.textContent = "Copied"; };
      var failed = function () { status.textContent = "Select the text to copy it"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, failed);
      } else {
        failed();
      }
    };
  }

  function attach() {
    followMoved();
    copyButtons();
    checklists();
    latestLink();
    rememberPath();
    pathBar();
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(attach);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attach);
  } else {
    attach();
  }
  window.addEventListener("hashchange", pathBar);
  window.addEventListener("hashchange", followMoved);
})();
