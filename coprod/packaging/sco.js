// SCORM 1.2 reporting for one chapter of the course, added only to the pages of
// the SCORM package (never to the published site).
//
// What it tells the learning platform, and nothing else:
//   cmi.core.lesson_status  "incomplete" when the chapter opens, "completed" when
//                           the learner reaches the end of the page or finishes
//                           its scenario or self-check;
//   cmi.core.session_time   how long the chapter was open;
//   cmi.core.exit           "" (a normal exit).
// The learner's writing, answers and scenario paths stay in this browser's
// storage: they are never passed to the platform.
//
// A page reports only when the platform launched it as a SCO: the manifest
// launches each chapter with ?sco=<its page>. A chapter reached by following a
// link inside another chapter stays silent, so one launch never reports for two.
(function () {
  "use strict";

  // The one place this file reads the course's own storage (key and shape as
  // documented in CONTRIBUTING: {version, elements: {id: {kind, state}}}).
  function courseElements() {
    try {
      const data = JSON.parse(window.localStorage.getItem("coprod-course:v1") || "null");
      return (data && data.elements) || {};
    } catch (err) {
      return {};
    }
  }

  function findAPI(win) {
    for (let depth = 0; win && depth < 10; depth += 1) {
      try {
        if (win.API) return win.API;
      } catch (err) {
        return null; // a frame of another origin: stop looking
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    try {
      if (window.opener) return findAPI(window.opener);
    } catch (err) {
      return null;
    }
    return null;
  }

  // SCORM 1.2 CMITimespan: HHHH:MM:SS.SS
  function timespan(ms) {
    const total = Math.max(0, ms) / 1000;
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = total - hours * 3600 - minutes * 60;
    const pad = (n, w) => String(n).padStart(w, "0");
    return `${pad(Math.min(hours, 9999), 4)}:${pad(minutes, 2)}:${seconds.toFixed(2).padStart(5, "0")}`;
  }

  const meta = document.querySelector('meta[name="coprod-sco"]');
  const page = meta ? meta.getAttribute("content") : null;
  const launchedAs = new URLSearchParams(window.location.search).get("sco");
  if (!page || launchedAs !== page) return;
  const api = findAPI(window);
  if (!api) return;
  if (String(api.LMSInitialize("")) !== "true") return;

  const started = Date.now();
  let finished = false;
  let completed = ["completed", "passed"].includes(String(api.LMSGetValue("cmi.core.lesson_status")));
  if (!completed) {
    api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    api.LMSCommit("");
  }

  function announce(text) {
    let region = document.getElementById("coprod-sco-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "coprod-sco-status";
      region.className = "coprod-sco-status";
      region.setAttribute("role", "status");
      const article = document.querySelector("article") || document.body;
      article.append(region);
    }
    region.textContent = text;
  }

  function complete() {
    if (completed || finished) return;
    completed = true;
    api.LMSSetValue("cmi.core.lesson_status", "completed");
    api.LMSCommit("");
    announce("This chapter is now recorded as complete in your learning platform. What you wrote stays on this device.");
  }

  // Finished: a scenario played to an ending, every question of a self-check
  // checked. Reflections do not count: writing is the learner's own business.
  function elementFinished(el) {
    const entry = courseElements()[el.getAttribute("data-coprod-id")];
    if (!entry || !entry.state) return false;
    const state = entry.state;
    const kind = el.getAttribute("data-coprod-kind");
    if (kind === "scenario") return state.completed === true || (Array.isArray(state.reached) && state.reached.length > 0);
    if (kind === "selfcheck") {
      const questions = el.querySelectorAll("fieldset").length || 1;
      const checked = Object.values(state.checked || {}).filter(Boolean).length;
      return checked >= questions;
    }
    return false;
  }

  function checkElements() {
    const elements = [...document.querySelectorAll('[data-coprod-kind="scenario"], [data-coprod-kind="selfcheck"]')];
    if (elements.length && elements.every(elementFinished)) complete();
  }

  let timer = null;
  function soon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(checkElements, 250);
  }
  ["click", "keyup", "input", "change"].forEach((type) => document.addEventListener(type, soon, true));
  checkElements();

  // The end of the page: the previous/next links under the chapter, or its last block.
  const end = document.querySelector(".prev-next-area") || document.querySelector("article > :last-child");
  if (end && "IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) complete();
    }).observe(end);
  }

  function finish() {
    if (finished) return;
    finished = true;
    api.LMSSetValue("cmi.core.session_time", timespan(Date.now() - started));
    api.LMSSetValue("cmi.core.exit", "");
    api.LMSCommit("");
    api.LMSFinish("");
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
