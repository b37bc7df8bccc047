// Agenda mode: runs a workshop plan on the projector, block by block.
// Each block shows what it is for, what to say, its "cut here" line, a timer
// and the next block; a block that plays a scenario opens that scenario's
// Projector view, and closing it returns to the agenda. Nothing is stored or sent.
import { h } from "./dom.js";
import { fitType, openProjector } from "./projector.js";

function clock(minutes) {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
}

function mmss(seconds) {
  const s = Math.abs(seconds);
  return `${seconds < 0 ? "−" : ""}${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function ensureStyles() {
  // the projector's styles live in coprod.css; a plan page may not have it yet
  if (document.querySelector('link[href*="coprod/coprod.css"]')) return;
  document.head.append(h("link", { rel: "stylesheet", href: new URL("./coprod.css", import.meta.url).href }));
}

// Where each plan's run had got to, so that closing Agenda mode (to show the
// page, say) and starting it again comes back to the same block. Kept in this
// page's memory only.
const resumeAt = new Map();

function runAgenda(plan, opener) {
  ensureStyles();
  let index = 0;
  let remaining = plan.blocks[0].minutes * 60;
  let ticking = null;
  // each scenario's Projector view is kept while the agenda runs, so that going
  // back to the agenda (to see the timer) and pressing P again returns the room
  // to the same decision with its tallies
  const projectors = new Map();
  // the block's clock, shown in the Projector view's top bar as well
  const miniClock = h("span", { class: "coprod-agenda-mini", "aria-hidden": "true" });

  const live = h("p", { class: "coprod-sr-only", role: "status", "aria-live": "polite" });
  const alarm = h("p", { class: "coprod-sr-only", role: "alert" });
  const title = h("h2", { id: `coprod-agenda-${plan.id}-title`, class: "coprod-proj-title", tabindex: "-1" });
  const body = h("div", { class: "coprod-proj-body" });
  const timerText = h("span", { class: "coprod-agenda-clock", "aria-hidden": "true" });
  const timerButton = h("button", {
    type: "button",
    class: "coprod-btn coprod-secondary",
    onclick: () => toggleTimer(),
  });
  const closeBtn = h(
    "button",
    { type: "button", class: "coprod-btn coprod-secondary", onclick: () => close() },
    "Close agenda",
  );
  const keys = h(
    "p",
    { class: "coprod-proj-keys" },
    h("kbd", {}, "N or →"),
    " next block · ",
    h("kbd", {}, "B or ←"),
    " previous · ",
    h("kbd", {}, "T"),
    " start or pause the timer · ",
    h("kbd", {}, "P"),
    " open the scenario · ",
    h("kbd", {}, "Esc"),
    " close",
  );
  const dialog = h(
    "div",
    { class: "coprod-projector coprod-agenda-view", role: "dialog", "aria-modal": "true", "aria-labelledby": title.id },
    h("div", { class: "coprod-proj-top" }, title, closeBtn),
    body,
    keys,
    live,
    alarm,
  );

  const say = (text) => {
    live.textContent = text;
  };

  function stopTimer() {
    if (ticking !== null) clearInterval(ticking);
    ticking = null;
  }

  function drawTimer() {
    timerText.textContent = mmss(remaining);
    timerText.classList.toggle("coprod-agenda-over", remaining < 0);
    miniClock.textContent = `${ticking === null ? "Timer paused" : "Timer"} ${mmss(remaining)}`;
    miniClock.classList.toggle("coprod-agenda-over", remaining < 0);
    timerButton.textContent = ticking === null ? "Start timer (T)" : "Pause timer (T)";
  }

  function toggleTimer() {
    if (ticking !== null) {
      stopTimer();
      say(`Timer paused at ${mmss(remaining)} left.`);
    } else {
      ticking = setInterval(() => {
        remaining -= 1;
        if (remaining === 0) alarm.textContent = `Time is up for ${plan.blocks[index].activity}.`;
        drawTimer();
      }, 1000);
      say(`Timer running: ${mmss(remaining)} left.`);
    }
    drawTimer();
  }

  function show(i, announce = true) {
    stopTimer();
    index = Math.max(0, Math.min(plan.blocks.length - 1, i));
    const b = plan.blocks[index];
    remaining = b.minutes * 60;
    alarm.textContent = "";
    title.textContent = `${index + 1} of ${plan.blocks.length} · ${b.activity}`;
    body.replaceChildren();
    const when = h(
      "p",
      { class: "coprod-agenda-when" },
      `${clock(b.start)}–${clock(b.start + b.minutes)} · ${b.minutes} minutes`,
      b.kind === "activity" || b.kind === "primer" ? "" : " · not learning time",
    );
    const main = h(
      "div",
      { class: "coprod-proj-story" },
      when,
      h("p", {}, h("strong", {}, "Purpose: "), b.purpose),
      h("h3", {}, "What to do and say"),
      h("p", { class: "coprod-agenda-how" }, b.how),
    );
    if (b.cut_if_late) {
      main.append(
        h("p", { class: "coprod-agenda-cut" }, h("strong", {}, "✂ Cut here if you are running late: "), b.cut_if_late),
      );
    }
    const side = h("div", { class: "coprod-proj-side" });
    side.append(
      h("h3", {}, "Timer"),
      h("p", {}, timerText, h("span", { class: "coprod-sr-only" }, `${b.minutes} minutes for this block`)),
      timerButton,
    );
    const sc = b.scenario ? plan.scenarios[b.scenario] : null;
    if (sc) {
      side.append(
        h("h3", {}, "Scenario"),
        h("p", {}, sc.title),
        h(
          "button",
          { type: "button", class: "coprod-btn coprod-primary coprod-agenda-open", onclick: () => openScenario(sc) },
          "Open Projector view (P)",
        ),
      );
    }
    const next = plan.blocks[index + 1];
    side.append(
      h("h3", {}, "Next"),
      h("p", {}, next ? `${next.activity} (${next.minutes} minutes)` : "The end of the session."),
    );
    const bar = h("div", { class: "coprod-toolbar" });
    if (index > 0)
      bar.append(
        h(
          "button",
          { type: "button", class: "coprod-btn coprod-secondary", onclick: () => show(index - 1) },
          "Previous block (B)",
        ),
      );
    if (next)
      bar.append(
        h(
          "button",
          { type: "button", class: "coprod-btn coprod-primary", onclick: () => show(index + 1) },
          "Next block (N)",
        ),
      );
    side.append(bar);
    body.append(h("div", { class: "coprod-proj-grid" }, main, side));
    drawTimer();
    resumeAt.set(plan.id, index);
    fitType(dialog);
    title.focus();
    if (announce) say(`Block ${index + 1} of ${plan.blocks.length}: ${b.activity}, ${b.minutes} minutes.`);
  }

  function openScenario(sc) {
    dialog.hidden = true;
    const kept = projectors.get(sc.id);
    if (kept) {
      kept.reopen();
      return;
    }
    const view = openProjector(sc, title, {
      closeLabel: "Back to the agenda",
      keep: true,
      top: miniClock,
      onClose: () => {
        dialog.hidden = false;
        document.documentElement.classList.add("coprod-proj-open");
        fitType(dialog);
        title.focus();
        say(`Back to the agenda: ${plan.blocks[index].activity}.`);
      },
    });
    projectors.set(sc.id, view);
  }

  function onKey(event) {
    if (event.target && event.target.tagName === "BUTTON" && (event.key === "Enter" || event.key === " ")) return;
    const k = event.key;
    if (k === "Escape") close();
    else if (k === "n" || k === "N" || k === "ArrowRight") show(index + 1);
    else if (k === "b" || k === "B" || k === "ArrowLeft") show(index - 1);
    else if (k === "t" || k === "T") toggleTimer();
    else if ((k === "p" || k === "P") && plan.blocks[index].scenario)
      openScenario(plan.scenarios[plan.blocks[index].scenario]);
    else if (k === "Tab") {
      const items = [...dialog.querySelectorAll("button, [tabindex='-1']")];
      const first = items[0];
      const last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) last.focus();
      else if (!event.shiftKey && document.activeElement === last) first.focus();
      else return;
    } else return;
    event.preventDefault();
  }

  function onResize() {
    if (!dialog.hidden) fitType(dialog);
  }

  function close() {
    stopTimer();
    window.removeEventListener("resize", onResize);
    for (const view of projectors.values()) view.dialog.remove();
    dialog.removeEventListener("keydown", onKey);
    dialog.remove();
    document.documentElement.classList.remove("coprod-proj-open");
    opener.focus();
  }

  dialog.addEventListener("keydown", onKey);
  window.addEventListener("resize", onResize);
  document.documentElement.classList.add("coprod-proj-open");
  document.body.append(dialog);
  const from = resumeAt.get(plan.id) || 0;
  show(from, false);
  say(`Agenda mode: ${plan.title}. Block ${from + 1} of ${plan.blocks.length}.`);
}

// A skip link just after the theme's own, so that Agenda mode is two Tab
// presses from the top of the plan's page rather than a hundred.
function addSkipLink(plan, start) {
  const article = document.querySelector(".bd-article");
  if (!article || !article.contains(start)) return;
  start.id = start.id || `coprod-agenda-start-${plan.id}`;
  const link = h("a", { href: `#${start.id}`, class: "coprod-skip-link" }, `Skip to Agenda mode: ${plan.title}`);
  link.addEventListener("click", (event) => {
    event.preventDefault();
    start.focus();
    start.click();
  });
  const themeSkip = document.querySelector("#pst-skip-link, .skip-link");
  if (themeSkip) themeSkip.after(link);
  else article.prepend(link);
}

function mount(el) {
  if (el.dataset.coprodMounted) return;
  el.dataset.coprodMounted = "1";
  let plan;
  try {
    plan = JSON.parse(el.querySelector("script.coprod-agenda-data").textContent);
  } catch (err) {
    el.prepend(
      h("p", { class: "coprod-error" }, "Agenda mode could not read this plan; use the agenda table on this page."),
    );
    return;
  }
  const fallback = el.querySelector(".coprod-agenda-fallback");
  if (fallback) fallback.remove();
  const start = h("button", { type: "button", class: "coprod-btn coprod-primary" }, `Start Agenda mode: ${plan.title}`);
  start.addEventListener("click", () => {
    start.textContent = `Resume Agenda mode: ${plan.title}`;
    runAgenda(plan, start);
  });
  el.prepend(
    h(
      "p",
      {},
      `Runs the plan on the projector, ${plan.blocks.length} blocks, with a timer for each and the scenarios' Projector views one key away.`,
    ),
    start,
  );
  addSkipLink(plan, start);
}

function mountAgendas() {
  document.querySelectorAll(".coprod-agenda[data-coprod-module='agenda']").forEach(mount);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAgendas);
  else mountAgendas();
}

export { runAgenda };
