// coprod engine: one ES module renders the course's scenarios, self-checks and
// reflection prompts. In Jupyter it is an anywidget module (render({model, el}));
// on the static site the same render() runs against a small stand-in for the
// widget model whose state lives in the browser's storage.
//
// Rule for everyone editing this file: text from content or from the learner is
// only ever inserted with text nodes (never innerHTML).

import { announcer, button, h, paras, slug } from "./dom.js";
import { privacyNote } from "./privacy-note.js";
import { addProjectorSkipLink, openProjector } from "./projector.js";
import { bindText, getStore, pageWarning, STORE_KEY, Store } from "./store.js";

export { getStore, STORE_KEY };

function seeLink(see) {
  if (!see || !see.href || see.href.startsWith("coprod-ref:")) return null;
  return h("p", { class: "coprod-see" }, "Read more: ", h("a", { href: see.href }, see.title || "the course section"));
}

// the legal sources a piece of coaching states law from, each with the month it was checked
function lawSources(ids, sources) {
  const cited = (ids || []).map((id) => (sources || {})[id]).filter(Boolean);
  if (!cited.length) return null;
  const items = cited.map((src) =>
    h("li", {}, h("a", { href: src.url }, src.title), ` (${src.jurisdiction}; checked ${src.checked})`),
  );
  return h(
    "div",
    { class: "coprod-law-sources" },
    h("p", {}, "Law and guidance in this coaching, with sources:"),
    h("ul", {}, ...items),
  );
}

// A stand-in for anywidget's model on the static site: the same get/set/on/
// save_changes calls, with state kept in the shared store.
export function staticModel(kind, id, content, store, checkText = null) {
  const values = { kind, element_id: id, content, state: (store.element(id) || {}).state || {} };
  const listeners = new Map();
  store.onChange(() => {
    values.state = (store.element(id) || {}).state || {};
    for (const fn of listeners.get("change:state") || []) fn();
  });
  return {
    get: (name) => values[name],
    set(name, value) {
      values[name] = value;
    },
    save_changes() {
      store.write(id, kind, values.state);
      for (const fn of listeners.get("change:state") || []) fn();
    },
    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(fn);
    },
    off(event, fn) {
      if (listeners.has(event)) listeners.get(event).delete(fn);
    },
    store,
    checkText,
  };
}

// ---------------------------------------------------------------- shared UI

// One warning per page, above the first element, when the browser will not save.
function storageWarning(model, el) {
  const store = model.store;
  if (store) pageWarning(store, el.closest(".coprod-el") || el);
}

function getState(model) {
  return structuredClone(model.get("state") || {});
}

function setState(model, state) {
  // the flag tells render()'s change listener that this change is our own
  model.__coprodWriting = true;
  try {
    model.set("state", state);
    model.save_changes();
  } finally {
    model.__coprodWriting = false;
  }
}

// ---------------------------------------------------------------- scenario

// One decision's weight on one dimension, as a figure and a band in words.
const DIMENSION_BANDS = {
  2: "strongly towards",
  1: "towards",
  0: "neither",
  "-1": "against",
  "-2": "strongly against",
};
export function dimensionWords(v) {
  if (v === undefined || v === null) return "not touched";
  return `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v)} ${DIMENSION_BANDS[v]}`;
}

function renderScenario(model, root, headingLevel) {
  const sc = model.get("content");
  const hx = (n) => `h${Math.min(6, headingLevel + n)}`;
  const live = announcer();
  const view = h("div", { class: "coprod-view" });
  root.append(view, live);
  addProjectorSkipLink(sc, root);
  const targets = new Set([...Object.keys(sc.nodes), ...Object.keys(sc.endings)]);

  const perspective = (st) => sc.perspectives.find((p) => p.id === st.perspective);

  function currentId(st) {
    const p = perspective(st);
    if (!p) return null;
    const path = st.path || [];
    if (!path.length) return p.start;
    const [nodeId, index] = path[path.length - 1];
    return sc.nodes[nodeId].choices[index].next;
  }

  function reachableEndings(start) {
    const seen = new Set();
    const todo = [start];
    while (todo.length) {
      const id = todo.pop();
      if (seen.has(id) || !targets.has(id)) continue;
      seen.add(id);
      if (sc.nodes[id]) for (const c of sc.nodes[id].choices) todo.push(c.next);
    }
    return Object.keys(sc.endings).filter((e) => seen.has(e));
  }

  function focusHeading() {
    const target = view.querySelector("[data-focus]");
    if (target) target.focus();
  }

  function go(st, message) {
    setState(model, st);
    draw();
    live.textContent = message || "";
    focusHeading();
  }

  function toolbar(st) {
    const bar = h("div", { class: "coprod-toolbar" });
    if ((st.path || []).length) {
      bar.append(
        h(
          "button",
          {
            type: "button",
            class: "coprod-btn coprod-secondary",
            onclick: () => {
              const next = getState(model);
              next.path = (next.path || []).slice(0, -1);
              next.showing = "node";
              go(next, "Went back one step.");
            },
          },
          "Back one step",
        ),
      );
    }
    if (st.perspective) {
      bar.append(
        h(
          "button",
          {
            type: "button",
            class: "coprod-btn coprod-secondary",
            onclick: () => {
              const next = getState(model);
              next.path = [];
              next.showing = "node";
              next.perspective = null;
              go(next, "Restarted the scenario.");
            },
          },
          "Restart",
        ),
      );
    }
    return bar;
  }

  function drawIntro(st) {
    view.append(
      h(hx(0), { tabindex: "-1", "data-focus": true, class: "coprod-title" }, sc.title),
      ...paras(sc.summary),
      h(
        "p",
        { class: "coprod-meta" },
        `About ${sc.time_minutes} minutes · ${sc.setting.service} · ${sc.setting.jurisdiction}`,
      ),
    );
    if (sc.perspectives.length > 1)
      view.append(h("p", {}, "Whose story do you want to play? You can replay from another side later."));
    const list = h("ul", { class: "coprod-choices" });
    for (const p of sc.perspectives) {
      list.append(
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "coprod-btn coprod-choice",
              onclick: () =>
                go({ ...getState(model), perspective: p.id, path: [], showing: "node" }, `Playing as ${p.label}.`),
            },
            h("span", { class: "coprod-choice-label" }, sc.perspectives.length > 1 ? `Play as ${p.label}` : "Start"),
            h("span", { class: "coprod-choice-desc" }, p.description),
          ),
        ),
      );
    }
    view.append(list);
    view.append(
      h(
        "div",
        { class: "coprod-toolbar" },
        button("Projector view for a group", () => openProjector(sc, root)),
      ),
    );
  }

  function drawNode(st, nodeId) {
    const node = sc.nodes[nodeId];
    const p = perspective(st);
    const step = (st.path || []).length + 1;
    view.append(
      h("p", { class: "coprod-meta" }, `${sc.title} · playing as ${p.label} · decision ${step}`),
      h(hx(0), { tabindex: "-1", "data-focus": true, class: "coprod-speaker" }, node.speaker),
      ...paras(node.text),
    );
    if (node.discussion.length) view.append(thinkFirst(st, node));
    const list = h("ul", { class: "coprod-choices", "aria-label": "Your choices" });
    node.choices.forEach((choice, index) => {
      list.append(
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "coprod-btn coprod-choice",
              "data-choice": index,
              onclick: () => {
                const next = getState(model);
                next.path = [...(next.path || []), [nodeId, index]];
                next.showing = "outcome";
                go(next, `Your choice: ${choice.label.replace(/[.!?]+$/, "")}. What happens follows.`);
              },
            },
            h("span", { class: "coprod-choice-label" }, choice.label),
          ),
        ),
      );
    });
    view.append(list, toolbar(st));
  }

  // The scene's discussion prompts, for a learner alone: a native <details> (keyboard operable),
  // closed by default on a narrow screen; opening or closing it is remembered with the scenario.
  function thinkFirst(st, node) {
    const wide = typeof window !== "undefined" && window.matchMedia && window.matchMedia("(min-width: 700px)").matches;
    const open = st.thinkFirst === undefined ? wide : st.thinkFirst === true;
    const details = h(
      "details",
      { class: "coprod-think" },
      h(
        "summary",
        {},
        `Think first (optional): ${node.discussion.length === 1 ? "a question" : `${node.discussion.length} questions`} before you choose`,
      ),
      h(
        "ul",
        {},
        node.discussion.map((q) => h("li", {}, q)),
      ),
    );
    details.open = open;
    details.addEventListener("toggle", () => {
      const next = getState(model);
      if (next.thinkFirst === details.open) return;
      next.thinkFirst = details.open;
      setState(model, next);
    });
    return details;
  }

  function drawOutcome(st) {
    const [nodeId, index] = st.path[st.path.length - 1];
    const choice = sc.nodes[nodeId].choices[index];
    const nextId = choice.next;
    view.append(
      h("p", { class: "coprod-meta" }, "You chose: ", h("strong", {}, choice.label)),
      h(hx(0), { tabindex: "-1", "data-focus": true }, "What happens"),
      h("div", { class: "coprod-consequence" }, ...paras(choice.consequence)),
      h(
        "div",
        { class: "coprod-feedback", role: "note", "aria-label": "Coaching feedback" },
        h("p", { class: "coprod-feedback-title" }, "Coaching"),
        ...paras(choice.feedback),
        seeLink(choice.see),
        lawSources(choice.law, sc.sources),
      ),
      h(
        "div",
        { class: "coprod-toolbar" },
        h(
          "button",
          {
            type: "button",
            class: "coprod-btn coprod-primary",
            onclick: () => {
              const next = getState(model);
              next.showing = "node";
              if (sc.endings[nextId]) {
                const reached = new Set(next.reached || []);
                reached.add(`${next.perspective}:${nextId}`);
                next.reached = [...reached];
                next.completed = true;
              }
              go(next, sc.endings[nextId] ? "You reached an ending. The debrief follows." : "Next decision.");
            },
          },
          sc.endings[nextId] ? "See how it ends" : "Continue",
        ),
      ),
      toolbar(st),
    );
  }

  function drawEnding(st, endingId) {
    const ending = sc.endings[endingId];
    const p = perspective(st);
    view.append(
      h("p", { class: "coprod-meta" }, `${sc.title} · playing as ${p.label} · ending`),
      h(hx(0), { tabindex: "-1", "data-focus": true }, ending.title),
      h("p", { class: "coprod-badge" }, `Kind of ending: ${ending.kind}`),
      ...paras(ending.text),
      // append() would write a missing list as the word "null"
      ...[lawSources(ending.law, sc.sources)].filter(Boolean),
    );
    // Your path: each choice was the player's, whatever the scene's speaker; professionals see each
    // decision on the course's dimensions (never a sum), residents, patients and family what it did.
    const who = p.label.split(",")[0];
    const scored = p.professional !== false && sc.dimensions.length > 0;
    view.append(h(hx(1), {}, "Your path"));
    if (scored) {
      view.append(
        h(
          "p",
          { class: "coprod-lens" },
          `The ${sc.dimensions.length} dimensions shown under each choice are this course's own lens on co-production, not a standard or a grade: you can argue with them. `,
          "Each decision is shown on its own, from −2 (strongly against) to +2 (strongly towards), and they are not added up, because a longer path is not a better one.",
        ),
      );
    } else if (p.professional === false) {
      view.append(
        h(
          "p",
          { class: "coprod-lens" },
          `This story was seen from ${who}'s side, so the course scores no one here. Below is what each step did: whose voice was heard, and who decided.`,
        ),
      );
    }
    const pathList = h("ol", { class: "coprod-path" });
    st.path.forEach(([nodeId, index], n) => {
      const choice = sc.nodes[nodeId].choices[index];
      const item = h(
        "li",
        { class: "coprod-path-step" },
        h(
          "p",
          { class: "coprod-path-choice" },
          h("span", { class: "coprod-path-role" }, `Decision ${n + 1}, ${who} chose: `),
          choice.label,
        ),
      );
      if (scored) {
        const dims = h("ul", { class: "coprod-dims", "aria-label": `Decision ${n + 1} on the course's dimensions` });
        for (const d of sc.dimensions) {
          const v = (choice.dimensions || {})[d.id];
          const pct = v === undefined ? 0 : Math.round((Math.abs(v) / 2) * 50);
          dims.append(
            h(
              "li",
              {},
              h("span", { class: "coprod-dim-label" }, d.label),
              h(
                "span",
                { class: "coprod-dim-track", "aria-hidden": "true" },
                h("span", {
                  class: v < 0 ? "coprod-dim-bar coprod-neg" : "coprod-dim-bar",
                  style: v < 0 ? `right:50%;width:${pct}%` : `left:50%;width:${pct}%`,
                }),
              ),
              h("span", { class: "coprod-dim-value" }, dimensionWords(v)),
            ),
          );
        }
        item.append(dims);
      } else if (p.professional === false) {
        item.append(h("div", { class: "coprod-path-did" }, ...paras(choice.consequence)));
      }
      pathList.append(item);
    });
    view.append(pathList);
    // Other endings
    const reached = new Set(st.reached || []);
    const others = reachableEndings(p.start).filter((e) => e !== endingId);
    if (others.length) {
      const list = h("ul", { class: "coprod-other-endings" });
      for (const e of others) {
        const seenBefore = reached.has(`${p.id}:${e}`);
        list.append(
          h(
            "li",
            {},
            h("strong", {}, sc.endings[e].title),
            ` (${sc.endings[e].kind})`,
            seenBefore ? " · you have reached this one before" : "",
          ),
        );
      }
      view.append(h(hx(1), {}, "Endings you did not reach this time"), list);
    }
    // questions written for this side come first; the scenario's shared ones follow, under a
    // heading that says, to a patient or relative, that they are addressed to practitioners
    const own = p.debrief_questions || [];
    if (own.length) {
      view.append(
        h(hx(1), {}, `Questions to think about, from ${who}'s side`),
        h(
          "ul",
          {},
          own.map((q) => h("li", {}, q)),
        ),
      );
    }
    if (sc.debrief_questions.length) {
      view.append(
        h(
          hx(1),
          {},
          !own.length
            ? "Questions to think about"
            : p.professional === false
              ? "Questions the course asks practitioners"
              : "Questions about the whole story",
        ),
        h(
          "ul",
          {},
          sc.debrief_questions.map((q) => h("li", {}, q)),
        ),
      );
    }
    const bar = toolbar(st);
    bar.prepend(
      button(
        "Play again",
        () => go({ ...getState(model), path: [], showing: "node" }, "Playing again from the start."),
        true,
      ),
    );
    view.append(bar);
  }

  function draw() {
    const st = getState(model);
    view.replaceChildren();
    if (!perspective(st)) drawIntro(st);
    else if (st.showing === "outcome" && (st.path || []).length) drawOutcome(st);
    else {
      const id = currentId(st);
      if (sc.endings[id]) drawEnding(st, id);
      else drawNode(st, id);
    }
  }

  draw();
  return draw;
}

// ---------------------------------------------------------------- self-check

function renderSelfCheck(model, root, headingLevel) {
  const sc = model.get("content");
  const id = slug(model.get("element_id"));
  const live = announcer();
  const form = h("div", { class: "coprod-questions" });
  const score = h("p", { class: "coprod-score", "aria-live": "polite" });
  root.append(h(`h${headingLevel}`, { class: "coprod-title" }, sc.title), form, score, live);

  function isRight(q, answer) {
    if (answer === undefined || answer === null) return false;
    if (q.type === "single") return q.options[answer] && q.options[answer].correct;
    if (q.type === "multiple") {
      const chosen = new Set(answer);
      return q.options.every((o, i) => o.correct === chosen.has(i));
    }
    return q.items.every((item, i) => answer[i] === item.category);
  }

  function drawScore(st) {
    const checked = sc.questions.filter((q) => (st.checked || {})[q.id]);
    if (!checked.length) {
      score.textContent = "";
      return;
    }
    const right = checked.filter((q) => isRight(q, st.answers[q.id])).length;
    score.textContent =
      `Your score: ${right} of ${sc.questions.length} right` +
      (checked.length < sc.questions.length ? ` (${checked.length} answered so far)` : "") +
      ". Only you can see this.";
  }

  function drawQuestion(q, qIndex) {
    const st = getState(model);
    st.answers = st.answers || {};
    st.checked = st.checked || {};
    const answer = st.answers[q.id];
    const checked = !!st.checked[q.id];
    const qid = `coprod-${id}-${slug(q.id)}`;
    const box = h("fieldset", { class: "coprod-question", id: qid });
    box.append(h("legend", {}, h("span", { class: "coprod-qnum" }, `Question ${qIndex + 1}. `), q.prompt));
    if (q.type === "multiple") box.append(h("p", { class: "coprod-meta" }, "Choose all that apply."));

    const update = (value) => {
      const next = getState(model);
      next.answers = { ...(next.answers || {}), [q.id]: value };
      setState(model, next);
    };

    if (q.type === "single" || q.type === "multiple") {
      const list = h("ul", { class: "coprod-options" });
      q.options.forEach((o, i) => {
        const oid = `${qid}-o${i}`;
        const selected = q.type === "single" ? answer === i : (answer || []).includes(i);
        const input = h("input", {
          type: q.type === "single" ? "radio" : "checkbox",
          name: qid,
          id: oid,
          value: i,
          checked: selected,
          disabled: checked,
          onchange: () => {
            if (q.type === "single") update(i);
            else {
              const set = new Set(getState(model).answers?.[q.id] || []);
              if (input.checked) set.add(i);
              else set.delete(i);
              update([...set].sort());
            }
          },
        });
        const item = h("li", { class: "coprod-option" }, input, h("label", { for: oid }, o.text));
        if (checked) {
          item.classList.add(o.correct ? "coprod-correct" : "coprod-incorrect");
          item.append(
            h(
              "div",
              { class: "coprod-option-feedback" },
              h(
                "strong",
                {},
                selected
                  ? o.correct
                    ? "Your answer, and correct. "
                    : "Your answer, not correct. "
                  : o.correct
                    ? "Correct answer. "
                    : "Not correct. ",
              ),
              o.feedback,
            ),
          );
        }
        list.append(item);
      });
      box.append(list);
    } else {
      const list = h("ul", { class: "coprod-sort" });
      q.items.forEach((item, i) => {
        const sid = `${qid}-i${i}`;
        const current = (answer || {})[i] || "";
        const select = h(
          "select",
          {
            id: sid,
            disabled: checked,
            onchange: () => {
              const prev = { ...(getState(model).answers?.[q.id] || {}) };
              prev[i] = select.value;
              update(prev);
            },
          },
          h("option", { value: "" }, "Choose…"),
          q.categories.map((c) => h("option", { value: c.id, selected: current === c.id }, c.label)),
        );
        const row = h("li", { class: "coprod-sort-item" }, h("label", { for: sid }, item.text), select);
        if (checked) {
          const right = current === item.category;
          const cat = q.categories.find((c) => c.id === item.category);
          row.classList.add(right ? "coprod-correct" : "coprod-incorrect");
          row.append(
            h(
              "div",
              { class: "coprod-option-feedback" },
              h("strong", {}, right ? "Right: " : `Not quite: it belongs under ${cat.label}. `),
              item.feedback,
            ),
          );
        }
        list.append(row);
      });
      box.append(list);
    }

    const bar = h("div", { class: "coprod-toolbar" });
    if (!checked) {
      bar.append(
        h(
          "button",
          {
            type: "button",
            class: "coprod-btn coprod-primary",
            onclick: () => {
              const next = getState(model);
              const a = (next.answers || {})[q.id];
              const empty =
                a === undefined ||
                (Array.isArray(a) && !a.length) ||
                (q.type === "sort" && Object.values(a || {}).filter(Boolean).length < q.items.length);
              if (empty) {
                live.textContent = "";
                live.textContent =
                  q.type === "sort" ? "Sort every item before checking." : "Choose an answer before checking.";
                return;
              }
              next.checked = { ...(next.checked || {}), [q.id]: true };
              setState(model, next);
              redraw(
                q.id,
                isRight(q, a) ? "Right. Feedback follows each option." : "Not quite. Feedback follows each option.",
              );
            },
          },
          "Check answer",
        ),
      );
    } else {
      const right = isRight(q, answer);
      box.append(
        h(
          "p",
          {
            class: right ? "coprod-result coprod-correct" : "coprod-result coprod-incorrect",
            tabindex: "-1",
            "data-focus": true,
          },
          right ? "You got this one right." : "Not quite this time.",
        ),
        h("div", { class: "coprod-explanation" }, h("strong", {}, "Explanation. "), q.explanation),
      );
      bar.append(
        h(
          "button",
          {
            type: "button",
            class: "coprod-btn coprod-secondary",
            onclick: () => {
              const next = getState(model);
              next.checked = { ...(next.checked || {}), [q.id]: false };
              next.answers = { ...(next.answers || {}) };
              delete next.answers[q.id];
              setState(model, next);
              redraw(q.id, "Answer cleared. Try again.", true);
            },
          },
          "Try again",
        ),
      );
    }
    box.append(bar);
    return box;
  }

  function redraw(focusQuestion, message, focusFirstInput) {
    form.replaceChildren(...sc.questions.map(drawQuestion));
    drawScore(getState(model));
    if (message) live.textContent = message;
    if (focusQuestion) {
      const box = form.querySelector(`#coprod-${id}-${slug(focusQuestion)}`);
      const target = focusFirstInput
        ? box && box.querySelector("input,select")
        : box && box.querySelector("[data-focus]");
      if (target) target.focus();
    }
  }

  redraw();
  return () => redraw();
}

// ---------------------------------------------------------------- reflection

function renderReflection(model, root) {
  const r = model.get("content");
  const id = `coprod-${slug(model.get("element_id"))}`;
  const st = getState(model);
  const area = h("textarea", {
    id: `${id}-text`,
    class: "coprod-textarea",
    rows: 6,
    "aria-describedby": `${id}-guidance ${id}-status ${id}-privacy`,
  });
  area.value = st.text || ""; // a property, never parsed as HTML
  // on the site, a warn-only check for what may identify someone (the page passes it in)
  const privacy = privacyNote(`${id}-privacy`, model.checkText);
  let checkTimer = null;
  area.addEventListener("input", () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(() => privacy.update(area.value), 600);
  });
  privacy.update(area.value);
  const status = h("p", { id: `${id}-status`, class: "coprod-status", role: "status", "aria-live": "polite" });
  const count = h("span", { class: "coprod-meta" });
  const others = h("div", { class: "coprod-others", hidden: true });
  const othersMsg = h("p", { class: "coprod-meta", "aria-live": "polite" });
  const stage = r.stage.replace("-", " ");

  function words(text) {
    return (text.trim().match(/\S+/g) || []).length;
  }

  function describeSaved(when) {
    const store = model.store;
    if (store && !store.ok) return "Not saved in this browser: kept on this page only.";
    if (!store) return "Kept in this notebook's widget state.";
    const t = when ? new Date(when) : null;
    return t
      ? `Saved on this device at ${t.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}.`
      : "Saved on this device.";
  }

  let quietTimer = null;
  const saved = (next) => {
    count.textContent = `${words(area.value)} words`;
    // announce the saved status once typing pauses, not on every key
    status.setAttribute("aria-live", "off");
    status.textContent = describeSaved(next.updated);
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => status.setAttribute("aria-live", "polite"), 1500);
  };
  // On the site the box is bound to the shared store, which keeps both
  // versions when another tab changes the same reflection; in Jupyter the
  // widget model is the store.
  let bound = null;
  if (!model.store) {
    area.addEventListener("input", () => {
      const next = getState(model);
      next.text = area.value;
      next.updated = new Date().toISOString();
      setState(model, next);
      saved(next);
    });
  }

  const reveal = r.others_said
    ? h(
        "button",
        {
          type: "button",
          class: "coprod-btn coprod-secondary",
          "aria-expanded": "false",
          "aria-controls": `${id}-others`,
          onclick: () => {
            if (words(area.value) < 5) {
              othersMsg.textContent =
                "Write a few sentences of your own first; then compare them with what others have said.";
              area.focus();
              return;
            }
            others.hidden = !others.hidden;
            reveal.setAttribute("aria-expanded", String(!others.hidden));
            othersMsg.textContent = "";
            if (!others.hidden) {
              const next = getState(model);
              next.revealed = true;
              setState(model, next);
            }
          },
        },
        "Compare with other answers",
      )
    : null;
  others.id = `${id}-others`;
  if (r.others_said)
    others.append(h("p", { class: "coprod-feedback-title" }, "Other answers to compare"), ...paras(r.others_said));

  root.append(
    h("p", { class: "coprod-meta coprod-stage" }, `Reflection · ${r.title} · Gibbs stage: ${stage}`),
    h("label", { for: area.id, class: "coprod-prompt" }, r.prompt),
    h("p", { id: `${id}-guidance`, class: "coprod-guidance" }, r.guidance),
    area,
    h("div", { class: "coprod-reflect-bar" }, status, count),
    privacy.el,
    // append() writes null as the text "null": leave the bar out when there is nothing to compare
    ...(reveal ? [h("div", { class: "coprod-toolbar" }, reveal)] : []),
    othersMsg,
    others,
  );
  status.textContent = st.text
    ? describeSaved(st.updated)
    : "Nothing written yet. What you type is saved on this device as you go.";
  count.textContent = `${words(area.value)} words`;
  if (st.revealed && r.others_said && words(area.value) >= 5) {
    others.hidden = false;
    reveal.setAttribute("aria-expanded", "true");
  }
  if (model.store) {
    bound = bindText(model.store, model.get("element_id"), area, {
      live: othersMsg,
      onSave: (next) => {
        model.set("state", next);
        saved(next);
      },
    });
  }
  return () => {
    if (bound) {
      bound.refresh();
      count.textContent = `${words(area.value)} words`;
      return;
    }
    const s = getState(model);
    if (document.activeElement !== area && (s.text || "") !== area.value) area.value = s.text || "";
  };
}

// ---------------------------------------------------------------- entry points

const RENDERERS = { scenario: renderScenario, selfcheck: renderSelfCheck, reflection: renderReflection };

function render({ model, el }) {
  const kind = model.get("kind");
  const headingLevel = Number(model.get("heading_level") || 3);
  const root = h("div", { class: `coprod-live coprod-${kind}` });
  el.append(root);
  storageWarning(model, el);
  const renderer = RENDERERS[kind];
  if (!renderer) {
    root.append(h("p", { class: "coprod-warning" }, `Unknown element kind: ${kind}`));
    return () => {};
  }
  const refresh = renderer(model, root, headingLevel);
  const onChange = () => {
    if (!model.__coprodWriting && refresh) refresh();
  };
  // Python (an exercise resetting it) or another tab may change the state: redraw then.
  model.on("change:state", onChange);
  return () => {
    model.off("change:state", onChange);
  };
}

// Mount every element the static page carries (elements rendered by the
// display objects' text/html output). `prepare` completes an element's data
// from its page (the static site's entry fills in a scenario's story).
// options.checkText: the de-identification check for the reflection boxes
export function mountAll(scope = document, prepare = (content) => content, options = {}) {
  const store = getStore();
  for (const el of scope.querySelectorAll(".coprod-el[data-coprod-kind]:not([data-coprod-mounted])")) {
    const dataNode = el.querySelector("script.coprod-data");
    if (!dataNode) continue;
    let content;
    try {
      content = prepare(JSON.parse(dataNode.textContent), el);
    } catch (err) {
      continue; // the readable fallback stays visible
    }
    el.setAttribute("data-coprod-mounted", "");
    const kind = el.getAttribute("data-coprod-kind");
    const id = el.getAttribute("data-coprod-id");
    const model = staticModel(kind, id, content, store, options.checkText || null);
    model.set("heading_level", el.getAttribute("data-coprod-heading") || 3);
    const host = h("div", { class: "coprod-host" });
    el.append(host);
    render({ model, el: host });
    el.classList.add("coprod-js");
  }
}

// anywidget reads only the default export's render(); a named `render` export
// is its deprecated form and makes it print a warning in every notebook. The
// static site mounts elements from the small entry coprod-page.js.
export default { render };
