// coprod projector: a full-screen view for running a scenario with a group, and
// the skip link that opens it. Used by coprod.js (each scenario's "Projector
// view" button) and agenda.js (a workshop's agenda). Nothing is stored or sent.

import { announcer, button, h, paras, slug } from "./dom.js";

// Type for a full-screen view (the Projector view, Agenda mode), sized to the
// screen in use: it starts large, from the viewport's shorter side, and steps
// down to a floor kept readable from the back of a room (16 px, or 2.1% of the
// shorter side on a bigger screen) until nothing needs scrolling.
export function typeRange() {
  const shorter = Math.min(window.innerWidth, window.innerHeight);
  const floor = Math.max(16, 0.021 * shorter);
  return [floor, Math.max(floor, Math.min(36, 0.034 * shorter))];
}

function overflows(view) {
  return view.scrollHeight > view.clientHeight;
}

// Set the largest type size between floor and top (px) at which nothing in the
// view overflows (the floor if nothing fits); say whether it fits.
export function fitType(view, floor = typeRange()[0], top = typeRange()[1]) {
  view.style.fontSize = `${top}px`;
  if (!view.isConnected || !overflows(view)) return true;
  view.style.fontSize = `${floor}px`;
  if (overflows(view)) return false;
  let lo = floor;
  let hi = top;
  while (hi - lo > 0.25) {
    const mid = (lo + hi) / 2;
    view.style.fontSize = `${mid}px`;
    if (overflows(view)) hi = mid;
    else lo = mid;
  }
  view.style.fontSize = `${lo}px`;
  return true;
}

// On the site, a skip link just after the theme's own opens this scenario's
// Projector view: two Tab presses from the top of the page, not dozens.
export function addProjectorSkipLink(sc, root) {
  const article = document.querySelector(".bd-article");
  if (!article || !article.contains(root)) return; // JupyterLab, or the element is not the page's
  if (document.querySelector(`[data-coprod-skip="${slug(sc.id)}"]`)) return;
  const link = h(
    "a",
    // a same-page target makes it a skip link to assistive technology (and to axe)
    { href: `#coprod-${sc.id}`, class: "coprod-skip-link", "data-coprod-skip": slug(sc.id) },
    `Skip to Projector view: ${sc.title}`,
  );
  link.addEventListener("click", (event) => {
    event.preventDefault();
    openProjector(sc, link);
  });
  const themeSkip = document.querySelector("#pst-skip-link, .skip-link");
  if (themeSkip) themeSkip.after(link);
  else article.prepend(link);
}

// A full-screen view for running a scenario with a group: large text, every
// choice with a local vote tally, the consequence and coaching revealed on
// demand, discussion prompts, keyboard control. Nothing is stored or sent.
// Tallies are kept per decision for as long as the view is open, so going back
// to replay the minority choice, and forward again, keeps the room's counts.
export function openProjector(sc, returnFocusTo, options = {}) {
  const opener = document.activeElement;
  let perspective = sc.perspectives[0];
  let history = []; // node ids visited
  let nodeId = null;
  let votes = [];
  let followed = null;
  const tallies = new Map(); // node id -> { votes, followed }
  let revealed = false;
  let showPrompts = false;
  let fitted = null; // the type size fitted to this screen on arrival at the current screen
  let pages = null; // a long scene split into pages: [first, last] paragraph indexes
  let page = 0;

  const live = announcer();
  const body = h("div", { class: "coprod-proj-body" });
  const title = h("h2", { id: `coprod-proj-${slug(sc.id)}-title`, class: "coprod-proj-title", tabindex: "-1" });
  const KEYS = [
    ["1–9", "add a vote (on the first screen: pick whose story)"],
    ["Shift+1–9", "remove a vote"],
    ["F", "follow the leading choice"],
    ["R", "reveal what happens"],
    ["D", "discussion prompts"],
    ["N or →", "next"],
    ["B or ←", "back (tallies are kept)"],
    ["M", "more of a long scene (shown as pages when it does not fit)"],
    ["?", "show or hide these keys"],
    ["Esc", options.closeLabel ? options.closeLabel.toLowerCase() : "close"],
  ];
  const keys = h(
    "p",
    { class: "coprod-proj-keys" },
    ...KEYS.slice(0, 7).flatMap(([k, what]) => [h("kbd", {}, k), ` ${what.split(" (")[0]} · `]),
    h("kbd", {}, "?"),
    " all keys",
  );
  const help = h(
    "div",
    { class: "coprod-proj-help", hidden: true, role: "region", "aria-label": "Keys" },
    h("h3", {}, "Keys"),
    h("dl", {}, ...KEYS.flatMap(([k, what]) => [h("dt", {}, h("kbd", {}, k)), h("dd", {}, what)])),
  );
  const closeBtn = h(
    "button",
    { type: "button", class: "coprod-btn coprod-secondary", onclick: () => close() },
    options.closeLabel || "Close projector view",
  );
  const dialog = h(
    "div",
    { class: "coprod-projector", role: "dialog", "aria-modal": "true", "aria-labelledby": title.id },
    h("div", { class: "coprod-proj-top" }, title, options.top || null, closeBtn),
    body,
    help,
    keys,
    live,
  );

  function say(text) {
    live.textContent = text;
  }

  function start(p) {
    perspective = p;
    history = [];
    goTo(p.start);
  }

  function goTo(id) {
    nodeId = id;
    if (sc.nodes[id] && !tallies.has(id)) tallies.set(id, { votes: sc.nodes[id].choices.map(() => 0), followed: null });
    const kept = tallies.get(id);
    votes = kept ? kept.votes : [];
    followed = kept ? kept.followed : null;
    revealed = false;
    showPrompts = false;
    arrive();
    title.focus();
  }

  // The scene and every choice fit the screen without scrolling (see fitType):
  // a scene still too long at the floor is shown in pages of whole paragraphs
  // with a "More of the scene" button (M). The choices are never split. What
  // happens, the coaching and the discussion prompts may shrink the type further
  // while they are shown, never below the floor.
  const sizeToFit = (floor, top) => fitType(dialog, floor, top);

  // A new screen (or a new window size): fit the type, and page the scene if it must be.
  function arrive() {
    pages = null;
    page = 0;
    const wasRevealed = revealed;
    const wasPrompts = showPrompts;
    revealed = false;
    showPrompts = false;
    draw(false);
    const [floor, top] = typeRange();
    if (!sizeToFit(floor, top) && sc.nodes[nodeId]) {
      pages = paginate();
      draw(false);
    }
    fitted = parseFloat(dialog.style.fontSize) || floor;
    revealed = wasRevealed;
    showPrompts = wasPrompts;
    if (revealed || showPrompts) draw();
  }

  // Whole paragraphs per page, as many as fit at the current size, the More button included.
  function paginate() {
    const paras = [...body.querySelectorAll(".coprod-proj-para")];
    const story = body.querySelector(".coprod-proj-story");
    if (paras.length < 2 || !story) return null;
    const more = button("More of the scene (M) · page 1 of 2", () => {});
    story.append(more);
    const result = [];
    let first = 0;
    while (first < paras.length) {
      let last = first;
      paras.forEach((p, i) => {
        p.hidden = i !== first;
      });
      while (last + 1 < paras.length) {
        paras[last + 1].hidden = false;
        if (overflows(dialog)) {
          paras[last + 1].hidden = true;
          break;
        }
        last += 1;
      }
      result.push([first, last]);
      first = last + 1;
    }
    return result.length > 1 ? result : null;
  }

  function morePage() {
    if (!pages) return;
    page = (page + 1) % pages.length;
    draw();
    say(`The scene, page ${page + 1} of ${pages.length}.`);
  }

  function next() {
    if (followed === null || !sc.nodes[nodeId]) return;
    history.push(nodeId);
    goTo(sc.nodes[nodeId].choices[followed].next);
    say(sc.endings[nodeId] ? "Ending." : "Next decision.");
  }

  // back to the first screen, to play the story from someone else's side (tallies are kept)
  function chooser() {
    nodeId = null;
    history = [];
    arrive();
    title.focus();
    say("Whose story next? Press a number key to choose.");
  }

  function back() {
    if (!history.length) return;
    goTo(history.pop());
    say("Back one decision.");
  }

  function vote(i, delta) {
    if (!sc.nodes[nodeId] || i >= votes.length) return;
    votes[i] = Math.max(0, votes[i] + delta);
    draw();
    say(`${sc.nodes[nodeId].choices[i].label}: ${votes[i]} vote${votes[i] === 1 ? "" : "s"}.`);
  }

  function follow(i) {
    followed = i;
    if (tallies.has(nodeId)) tallies.get(nodeId).followed = i;
    revealed = false;
    draw();
    say(`Following: ${sc.nodes[nodeId].choices[i].label}. Press R to reveal what happens.`);
  }

  function leading() {
    const max = Math.max(...votes);
    return max > 0 ? votes.indexOf(max) : null;
  }

  function draw(refit = true) {
    render();
    if (!refit) return;
    const [floor] = typeRange();
    sizeToFit(floor, Math.max(floor, fitted || floor));
  }

  function render() {
    body.replaceChildren();
    if (nodeId === null) {
      title.textContent = sc.title;
      body.append(...paras(sc.summary), h("p", {}, "Whose story will the group play?"));
      body.append(
        h(
          "ol",
          { class: "coprod-choices coprod-proj-perspectives" },
          sc.perspectives.map((p) =>
            h(
              "li",
              {},
              button(`Play as ${p.label}`, () => start(p), true),
            ),
          ),
        ),
      );
      body.append(h("p", { class: "coprod-meta" }, "Press a number key to choose."));
      return;
    }
    if (sc.endings[nodeId]) {
      const e = sc.endings[nodeId];
      title.textContent = `Ending: ${e.title}`;
      body.append(h("p", { class: "coprod-badge" }, `Kind of ending: ${e.kind}`), ...paras(e.text));
      if (sc.debrief_questions.length) {
        body.append(
          h("h3", {}, "For discussion"),
          h(
            "ul",
            {},
            sc.debrief_questions.map((q) => h("li", {}, q)),
          ),
        );
      }
      body.append(
        h(
          "div",
          { class: "coprod-toolbar" },
          button("Back (B)", back),
          button("Start again", () => goTo(perspective.start), true),
          sc.perspectives.length > 1 ? button("Play another perspective", chooser) : null,
        ),
      );
      return;
    }
    const node = sc.nodes[nodeId];
    title.textContent = `${perspective.label} · decision ${history.length + 1}`;
    const scene = paras(node.text, "coprod-proj-para");
    if (pages) {
      const [first, last] = pages[page];
      scene.forEach((p, i) => {
        p.hidden = i < first || i > last;
      });
    }
    const story = h("div", { class: "coprod-proj-story" }, h("p", { class: "coprod-meta" }, node.speaker), ...scene);
    if (pages) {
      const label =
        page + 1 < pages.length
          ? `More of the scene (M) · page ${page + 1} of ${pages.length}`
          : `Back to the start of the scene (M) · page ${page + 1} of ${pages.length}`;
      story.append(h("div", { class: "coprod-toolbar" }, button(label, morePage)));
    }
    const side = h("div", { class: "coprod-proj-side" });
    const list = h("ol", { class: "coprod-proj-choices" });
    node.choices.forEach((c, i) => {
      const minus = button("−", () => vote(i, -1));
      const plus = button("+", () => vote(i, 1));
      minus.setAttribute("aria-label", `Remove a vote from choice ${i + 1}`);
      plus.setAttribute("aria-label", `Add a vote to choice ${i + 1}`);
      // the tally first in the source so that it floats at the choice's top right and
      // the choice's words flow round it: a line saved per choice on a projector
      list.append(
        h(
          "li",
          { class: followed === i ? "coprod-proj-followed" : "" },
          h(
            "span",
            { class: "coprod-proj-tally" },
            minus,
            h("span", { class: "coprod-proj-count", "aria-label": `${votes[i]} votes` }, String(votes[i])),
            plus,
            button(followed === i ? "Followed" : "Follow", () => follow(i), followed !== i),
          ),
          h("span", { class: "coprod-proj-label" }, c.label),
        ),
      );
    });
    side.append(h("h3", {}, "Choices"), list);
    if (node.discussion.length) {
      side.append(
        h(
          "div",
          { class: "coprod-proj-prompts", hidden: !showPrompts },
          h("h3", {}, "Discussion"),
          h(
            "ul",
            {},
            node.discussion.map((q) => h("li", {}, q)),
          ),
        ),
      );
    }
    if (followed !== null && revealed) {
      const c = node.choices[followed];
      // what happens takes the scene's place, so that it fits too; R brings the scene back
      story.replaceChildren(
        h(
          "div",
          { class: "coprod-proj-outcome" },
          h("h3", {}, "What happens"),
          ...paras(c.consequence),
          h(
            "div",
            { class: "coprod-feedback" },
            h("p", { class: "coprod-feedback-title" }, "Coaching"),
            ...paras(c.feedback),
          ),
        ),
      );
    }
    // the same buttons on every decision, unavailable ones disabled, so that
    // following a choice does not move anything on the screen
    const bar = h("div", { class: "coprod-toolbar" });
    const backBtn = button("Back (B)", back);
    backBtn.disabled = !history.length;
    bar.append(backBtn);
    if (node.discussion.length)
      bar.append(button(showPrompts ? "Hide discussion (D)" : "Show discussion (D)", toggleDiscussion));
    const revealBtn = button(revealed ? "Hide outcome (R)" : "Reveal what happens (R)", toggleReveal, !revealed);
    revealBtn.disabled = followed === null;
    const nextBtn = button("Next (N)", next, revealed);
    nextBtn.disabled = followed === null;
    bar.append(revealBtn, nextBtn);
    side.append(bar);
    body.append(h("div", { class: "coprod-proj-grid" }, story, side));
  }

  function toggleReveal() {
    if (followed === null) return;
    revealed = !revealed;
    draw();
    say(revealed ? "What happens and the coaching are shown." : "Outcome hidden.");
  }

  function toggleDiscussion() {
    showPrompts = !showPrompts;
    draw();
    say(showPrompts ? "Discussion prompts shown." : "Discussion prompts hidden.");
  }

  function toggleHelp(show = help.hidden) {
    help.hidden = !show;
    say(show ? "Keys shown. Press question mark or Escape to hide them." : "Keys hidden.");
  }

  function onKey(event) {
    if (event.target && event.target.tagName === "BUTTON" && (event.key === "Enter" || event.key === " ")) return;
    const digit = event.code && event.code.startsWith("Digit") ? Number(event.code.slice(5)) : NaN;
    if (event.key === "?") toggleHelp();
    else if (event.key === "Escape" && !help.hidden) toggleHelp(false);
    else if (digit >= 1 && digit <= 9 && nodeId === null && !event.shiftKey) {
      if (digit <= sc.perspectives.length) start(sc.perspectives[digit - 1]);
    } else if (digit >= 1 && digit <= 9) vote(digit - 1, event.shiftKey ? -1 : 1);
    else if (event.key === "Escape") close();
    else if (event.key === "r" || event.key === "R") toggleReveal();
    else if (event.key === "d" || event.key === "D") toggleDiscussion();
    else if (event.key === "f" || event.key === "F") {
      const lead = leading();
      if (lead !== null) follow(lead);
    } else if (event.key === "n" || event.key === "N" || event.key === "ArrowRight") next();
    else if (event.key === "b" || event.key === "B" || event.key === "ArrowLeft") back();
    else if (event.key === "m" || event.key === "M") morePage();
    else if (event.key === "Tab") {
      // keep focus inside the dialog
      const items = [...dialog.querySelectorAll("button, [tabindex='-1']")].filter(
        (x) => !x.closest("[hidden]") && !x.disabled,
      );
      const first = items[0];
      const last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        first.focus();
      } else return;
    } else return;
    event.preventDefault();
  }

  let resizing = null;
  function onResize() {
    clearTimeout(resizing);
    resizing = setTimeout(() => dialog.isConnected && arrive(), 150);
  }

  function close() {
    window.removeEventListener("resize", onResize);
    document.documentElement.classList.remove("coprod-proj-open");
    if (options.keep) {
      // kept for reopening where the room left off (Agenda mode): place, tallies and all
      dialog.hidden = true;
      help.hidden = true;
    } else {
      dialog.removeEventListener("keydown", onKey);
      dialog.remove();
    }
    if (options.onClose) options.onClose();
    else (opener && opener.isConnected ? opener : returnFocusTo).focus();
  }

  function reopen() {
    dialog.hidden = false;
    window.addEventListener("resize", onResize);
    document.documentElement.classList.add("coprod-proj-open");
    arrive();
    title.focus();
    say("Back where the group left off.");
  }

  dialog.addEventListener("keydown", onKey);
  window.addEventListener("resize", onResize);
  document.documentElement.classList.add("coprod-proj-open");
  document.body.append(dialog);
  if (sc.perspectives.length === 1) start(sc.perspectives[0]);
  else {
    arrive();
    title.focus();
  }
  return { reopen, close, dialog };
}
