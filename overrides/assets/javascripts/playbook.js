/* Playbook Builder: onboarding checklists that remember what the reader ticked, and a
 * "your path" bar that walks a new starter through their role's reading in order.
 *
 * State lives in the reader's own browser (localStorage for ticks, sessionStorage for
 * the path being followed). Material's instant navigation swaps pages without reloading,
 * so everything is (re)attached on each page through its document$ observable, or once
 * on load under other themes. */
(function () {
  "use strict";

  var TICK = "playbook:tick:";
  var PATH = "playbook:path";

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

  function checklists() {
    var store = storage("localStorage");
    document.querySelectorAll(".pb-checklist input[type=checkbox]").forEach(function (box) {
      var item = box.closest("li");
      var key = TICK + here() + ":" + (item ? item.textContent.trim() : "");
      box.disabled = false;
      box.checked = !!(store && store.getItem(key) === "1");
      box.addEventListener("change", function () {
        if (!store) return;
        if (box.checked) store.setItem(key, "1");
        else store.removeItem(key);
      });
    });
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
  }

  function attach() {
    checklists();
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
})();
