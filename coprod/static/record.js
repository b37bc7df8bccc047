// coprod record: the learner's CPD record, built from what the course keeps in
// this browser (the engine's store, key STORE_KEY). Views: progress, log,
// journal, exports, backup, restore, clear, statement. Each record page holds
// one or more <div class="coprod-record" data-view="..."> with a JSON manifest
// of the course written by coprod/_record.py.
//
// Rules: learner text is only ever inserted as text nodes or form values
// (never innerHTML); nothing is sent anywhere; the functions marked "mirrors
// _record.py" must give the same results as their Python namesakes.

import { h, paras } from "./coprod.js";
import { findIdentifying, markedNodes, mergeSpans } from "./deid.js";
import {
  BACKUP_FORMAT,
  bindText,
  download,
  elementProblem,
  getStore,
  isObj,
  logProblem,
  pageWarning,
  backupObject as storeBackup,
} from "./store.js";

export { BACKUP_FORMAT };

const KINDS = ["reflection", "selfcheck", "scenario"];
const MODES = ["solo", "participatory"];
const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const MAX_FILE_BYTES = 5 * 1024 * 1024;

function words(text) {
  return (
    String(text || "")
      .trim()
      .match(/\S+/g) || []
  ).length;
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || one + "s"}`;
}

function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function timeNow() {
  return new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

// ---------------------------------------------------------------- shared calculations (mirror _record.py)

export function fmtHours(minutes) {
  const tenths = Math.floor((Math.round(Number(minutes) || 0) + 3) / 6);
  const whole = Math.floor(tenths / 10);
  const frac = tenths % 10;
  const text = frac === 0 ? `${whole}` : `${whole}.${frac}`;
  return tenths === 10 ? `${text} hour` : `${text} hours`;
}

export function fmtDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso || ""));
  if (!m) return "";
  const month = Number(m[2]);
  if (month < 1 || month > 12) return "";
  return `${Number(m[3])} ${MONTHS[month - 1]} ${Number(m[1])}`;
}

function norm(text) {
  return String(text || "").replace(/\r\n/g, "\n");
}

function stateOf(data, id) {
  const el = (data.elements || {})[id];
  return isObj(el) && isObj(el.state) ? el.state : {};
}

function textOf(data, rid) {
  return norm(stateOf(data, rid).text).trim();
}

function attempted(data, cid) {
  const st = stateOf(data, cid);
  return Object.values(st.checked || {}).some(Boolean) || Object.keys(st.answers || {}).length > 0;
}

function scenarioEnding(manifest, sid, st) {
  const sc = manifest.scenarios[sid];
  const path = st.path || [];
  if (!sc || !path.length || !(st.perspective in sc.perspectives)) return null;
  try {
    const [nodeId, index] = path[path.length - 1];
    const next = sc.nodes[nodeId].choices[Number(index)].next;
    return next in sc.endings ? next : null;
  } catch (err) {
    return null;
  }
}

export function scenarioDebrief(manifest, sid, st) {
  const ending = scenarioEnding(manifest, sid, st);
  if (!ending) return null;
  const sc = manifest.scenarios[sid];
  const totals = Object.fromEntries(sc.dimensions.map((d) => [d.id, 0]));
  const choices = [];
  for (const [nodeId, index] of st.path) {
    const choice = sc.nodes[nodeId].choices[Number(index)];
    choices.push(choice.label);
    for (const [dim, w] of Object.entries(choice.dimensions || {})) if (dim in totals) totals[dim] += w;
  }
  return {
    perspective: sc.perspectives[st.perspective],
    choices,
    ending: sc.endings[ending],
    dimensions: sc.dimensions.map((d) => ({ label: d.label, value: totals[d.id] })),
  };
}

function sentence(text) {
  const t = String(text).trim();
  return /[.!?]$/.test(t) ? t : t + ".";
}

function signed(v) {
  return v > 0 ? `+${v}` : String(v);
}

function reachedTitles(manifest, sid, st) {
  const sc = manifest.scenarios[sid] || { endings: {} };
  return (Array.isArray(st.reached) ? st.reached : [])
    .filter((r) => String(r).includes(":"))
    .map((r) => String(r).split(":").slice(1).join(":"))
    .filter((e) => e in sc.endings)
    .map((e) => sc.endings[e].title);
}

// One plain sentence for an export: the sides played and the endings
// reached, never choices or scores. Mirrors _record.py debrief_text.
export function debriefText(manifest, part, st) {
  const sc = manifest.scenarios[part.id] || {};
  const endings = sc.endings || {};
  const perspectives = sc.perspectives || {};
  const pairs = (Array.isArray(st.reached) ? st.reached : [])
    .map(String)
    .filter((r) => r.includes(":"))
    .map((r) => [r.split(":")[0], r.split(":").slice(1).join(":")])
    .filter(([, e]) => e in endings);
  if (!pairs.length) return "";
  const sides = [...new Set(pairs.filter(([p]) => p in perspectives).map(([p]) => perspectives[p]))];
  const titles = [...new Set(pairs.map(([, e]) => endings[e].title))];
  let out = `In the case scenario “${part.title}” I worked through the case`;
  if (sides.length) out += " as " + sides.join(", and as ") + ",";
  if (titles.length === 1) return out + ` and reached the ending “${titles[0]}”.`;
  return out + ` and reached ${titles.length} different endings: ` + titles.map((t) => `“${t}”`).join("; ") + ".";
}

// The perspectives of a scenario played to an ending. Mirrors _record.py _sides_played.
function sidesPlayed(manifest, sid, st) {
  const sc = manifest.scenarios[sid] || {};
  const out = [];
  for (const r of Array.isArray(st.reached) ? st.reached : []) {
    const [p, ...rest] = String(r).split(":");
    const e = rest.join(":");
    if (e in (sc.endings || {}) && p in (sc.perspectives || {}) && !out.includes(p)) out.push(p);
  }
  return out;
}

export function computeProgress(manifest, data) {
  const meta = data.meta || {};
  const log = (meta.log || []).filter(isObj);
  const linked = new Set(log.map((e) => e.part).filter(Boolean));
  const read = isObj(meta.read) ? meta.read : {};
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const parts = manifest.parts.map((p) => {
    const written = p.reflections.filter((r) => textOf(data, r));
    const tried = p.selfchecks.filter((c) => attempted(data, c));
    let done;
    let started;
    let earned;
    let how;
    let sides = 0;
    if (p.kind === "scenario") {
      const st = stateOf(data, p.id);
      sides = sidesPlayed(manifest, p.id, st).length;
      done = sides > 0;
      started = done || !!st.perspective || (Array.isArray(st.path) && st.path.length > 0);
      earned = p.minutes * sides;
      how = done ? `${p.minutes} minutes for each side played to an ending (${sides})` : "";
    } else {
      const worked =
        (!p.selfchecks.length || tried.length > 0) &&
        (!p.reflections.length || written.length > 0) &&
        (p.selfchecks.length > 0 || p.reflections.length > 0);
      done = worked || !!read[p.id];
      started = written.length > 0 || tried.length > 0;
      earned = done ? p.minutes : 0;
      how =
        read[p.id] && !worked
          ? "the module's time to learn: you marked it read"
          : done
            ? "the module's time to learn: self-check attempted and a reflection written"
            : "";
    }
    if (linked.has(p.id)) {
      earned = 0;
      how = "replaced by the time you logged for it";
    }
    started = started || written.length > 0 || tried.length > 0;
    return {
      id: p.id,
      kind: p.kind,
      label: p.label,
      minutes: p.minutes,
      status: done ? "done" : started ? "started" : "not-started",
      written: written.length,
      reflections: p.reflections.length,
      attempted: tried.length,
      selfchecks: p.selfchecks.length,
      logged: linked.has(p.id),
      read: !!read[p.id],
      sides,
      earned,
      how,
    };
  });
  const estimated = sum(parts.map((p) => p.earned));
  const loggedSolo = sum(log.filter((e) => e.mode === "solo").map((e) => e.minutes));
  const loggedPart = sum(log.filter((e) => e.mode === "participatory").map((e) => e.minutes));
  const dates = [
    ...Object.values(data.elements || {})
      .filter(isObj)
      .map((el) => String(el.updated || "").slice(0, 10))
      .filter((d) => d && fmtDate(d)),
    ...log.map((e) => String(e.date || "").slice(0, 10)).filter((d) => fmtDate(d)),
  ].sort();
  return {
    parts,
    modules_done: parts.filter((p) => p.kind === "module" && p.status === "done").map((p) => p.label),
    scenarios_done: parts.filter((p) => p.kind === "scenario" && p.status === "done").map((p) => p.label),
    modules: parts.filter((p) => p.kind === "module").length,
    scenarios: parts.filter((p) => p.kind === "scenario").length,
    selfchecks_attempted: sum(parts.map((p) => p.attempted)),
    selfchecks: sum(parts.map((p) => p.selfchecks)),
    reflections_written: sum(parts.map((p) => p.written)),
    reflections: sum(parts.map((p) => p.reflections)),
    minutes: {
      estimated,
      logged_solo: loggedSolo,
      logged_participatory: loggedPart,
      solo: estimated + loggedSolo,
      participatory: loggedPart,
      total: estimated + loggedSolo + loggedPart,
    },
    first: dates.length ? dates[0] : "",
    last: dates.length ? dates[dates.length - 1] : "",
  };
}

function dateRange(first, last) {
  if (!first) return "";
  return first === last ? fmtDate(first) : `${fmtDate(first)} to ${fmtDate(last)}`;
}

function activityDates(prog) {
  return prog.first === prog.last
    ? `Activity recorded on ${fmtDate(prog.first)}.`
    : `Activity recorded from ${fmtDate(prog.first)} to ${fmtDate(prog.last)}.`;
}

function allWritten(manifest, data) {
  return manifest.parts.flatMap((p) => p.reflections).filter((r) => textOf(data, r));
}

function sourceText(manifest, data, src, chosen, prog) {
  const title = manifest.course.title;
  if (src.startsWith("stages:")) {
    // in the order the stages are named, then in course order
    return src
      .slice(7)
      .split(",")
      .flatMap((stage) => chosen.filter((r) => manifest.reflections[r].stage === stage))
      .map((r) => textOf(data, r))
      .join("\n\n");
  }
  if (src === "activity") {
    const parts = manifest.parts.filter((p) => chosen.some((r) => manifest.reflections[r].part === p.id));
    let text = `I worked through the online CPD course “${title}”`;
    text += parts.length ? `, in particular: ${parts.map((p) => p.label).join("; ")}.` : ".";
    for (const p of parts) {
      if (p.kind !== "scenario") continue;
      const d = debriefText(manifest, p, stateOf(data, p.id));
      if (d) text += "\n\n" + d;
    }
    return text;
  }
  if (src === "dates") return dateRange(prog.first, prog.last);
  if (src === "hours") return fmtHours(prog.minutes.total);
  if (src === "hours_participatory") return fmtHours(prog.minutes.participatory);
  if (src === "dates_hours") {
    const when = dateRange(prog.first, prog.last);
    return (
      (when ? `${when}. ` : "") +
      `${fmtHours(prog.minutes.total)} in all, of which ${fmtHours(prog.minutes.participatory)} with others.`
    );
  }
  if (src === "method") {
    let text = "Online course, worked through on my own: reading, self-checks, case scenarios and reflective writing.";
    const sessions = ((data.meta || {}).log || []).filter((e) => isObj(e) && e.mode === "participatory");
    if (sessions.length) {
      text +=
        " With others: " +
        sessions
          .map((e) => `${String(e.what || "").trim()} (${fmtDate(String(e.date || ""))}, ${fmtHours(e.minutes)})`)
          .join("; ") +
        ".";
    }
    return text;
  }
  if (src === "evidence")
    return `My reflective journal and a self-declared completion statement printed from the course record of “${title}”, kept by me.`;
  return "";
}

// Each field's text from the journal (a list of ticked options for a choices
// field). A source may join several with "|". Mirrors _record.py prefill.
export function prefill(manifest, data, template, selected) {
  const order = manifest.parts.flatMap((p) => p.reflections);
  const chosen = order.filter((r) => selected.includes(r) && textOf(data, r));
  const prog = computeProgress(manifest, data);
  const out = {};
  for (const f of template.fields) {
    if (f.kind === "choices") {
      out[f.id] = [];
      continue;
    }
    out[f.id] = f.source
      .split("|")
      .filter(Boolean)
      .map((src) => sourceText(manifest, data, src, chosen, prog))
      .filter(Boolean)
      .join("\n\n");
  }
  return out;
}

const MD_LINE_RULES = [
  /^([ \t]*)([=-]+[ \t]*)$/gm,
  /^([ \t]*)(#+)(?=[ \t]|$)/gm,
  /^([ \t]*)([+-])(?=[ \t]|$)/gm,
  /^([ \t]*[0-9]+)([.)])(?=[ \t]|$)/gm,
];

export function mdEscape(text) {
  let out = String(text)
    .replace(/\r\n/g, "\n")
    .trim()
    .replace(/([\\`*_[\]<>&|~])/g, "\\$1");
  for (const rule of MD_LINE_RULES) out = out.replace(rule, "$1\\$2");
  return out;
}

// The template, its field values and the other choices for one export,
// from the learner's saved draft (meta.drafts) and the journal.
export function exportValues(manifest, data, templateId, opts = {}) {
  const template = manifest.templates.find((t) => t.id === templateId);
  if (!template) throw new Error(`no export template '${templateId}'`);
  const meta = data.meta || {};
  const draft = (meta.drafts || {})[templateId] || {};
  let selected = opts.selected ?? draft.selected ?? null;
  if (selected === null) selected = allWritten(manifest, data);
  const values = prefill(manifest, data, template, selected);
  const prefilled = { ...values };
  for (const [k, v] of Object.entries(draft.fields || {})) if (k in values) values[k] = v;
  for (const [k, v] of Object.entries(opts.fields || {})) if (k in values) values[k] = v;
  return {
    template,
    selected,
    values,
    prefilled,
    confirmed: opts.confirmed ?? !!draft.confirmed,
    name: opts.name ?? meta.name ?? "",
    today: opts.today || localToday(),
  };
}

function fieldBody(f, value) {
  if (f.kind === "choices") return f.options.filter((o) => (value || []).includes(o)).join("; ");
  return norm(value).trim();
}

// The de-identification findings in a text. Course characters ("Dr Ellis" in the
// surgery scenario) are flagged like anyone else, with a note that they match a
// character. Mirrors _record.py course_findings.
export function findInText(manifest, text) {
  return findIdentifying(text, manifest.fictional_names || []);
}

const NO_ONE = "identifies no patient, service user, family member, member of the public or colleague";

// The one statement an export makes about identifying details: what the
// automatic check found and whether the author reviewed it. Mirrors _record.py deid_statement.
export function deidStatement(confirmed, flagged) {
  const found = flagged
    ? `The course's automatic check flagged ${flagged} passage${flagged !== 1 ? "s" : ""} that might identify someone.`
    : "The course's automatic check flagged nothing that looks identifying.";
  if (!confirmed)
    return found + " Not yet reviewed by the author: check that nothing here identifies anyone before you share it.";
  if (flagged) return found + ` I reviewed each of them and confirm that this account ${NO_ONE}.`;
  return found + ` I read the account through and confirm that it ${NO_ONE}.`;
}
const SELF_DECLARED =
  "Made with the course's own record tool from the learner's own notes. A self-declared record, not accreditation.";

function flaggedCount(manifest, template, values) {
  let n = 0;
  for (const f of template.fields)
    if (f.kind !== "choices") n += mergeSpans(findInText(manifest, fieldBody(f, values[f.id]))).length;
  return n;
}

export function exportMarkdown(manifest, data, templateId, opts = {}) {
  const { template, values, confirmed, name, today } = exportValues(manifest, data, templateId, opts);
  const lines = [`# ${mdEscape(template.name)}`, ""];
  lines.push(`*Follows ${mdEscape(template.follows)}. ${mdEscape(template.check)}*`, "");
  lines.push(`Course: ${mdEscape(manifest.course.title)}  `);
  if (String(name).trim()) lines.push(`Name: ${mdEscape(name)}  `);
  lines.push(`Prepared: ${fmtDate(today)}`, "");
  const flagged = flaggedCount(manifest, template, values);
  for (const f of template.fields) {
    const body = fieldBody(f, values[f.id]);
    // an empty field is named on the page before download, not written into the file
    if (body) lines.push(`## ${mdEscape(f.label)}`, "", mdEscape(body), "");
  }
  lines.push("---", "");
  lines.push(mdEscape(deidStatement(confirmed, flagged)), "");
  lines.push(mdEscape(SELF_DECLARED), "");
  return lines.join("\n");
}

// The fields an export would leave out because nothing fills them.
export function emptyFields(manifest, data, templateId, opts = {}) {
  const { template, values } = exportValues(manifest, data, templateId, opts);
  return template.fields.filter((f) => !fieldBody(f, values[f.id]));
}

// The same export as plain text, for pasting into a form.
export function exportPlainText(manifest, data, templateId, opts = {}) {
  const { template, values, name, today } = exportValues(manifest, data, templateId, opts);
  const out = [template.name, `Follows ${template.follows}. ${template.check}`, `Course: ${manifest.course.title}`];
  if (String(name).trim()) out.push(`Name: ${name}`);
  out.push(`Prepared: ${fmtDate(today)}`, "");
  for (const f of template.fields) {
    const body = fieldBody(f, values[f.id]);
    if (body) out.push(f.label, body, "");
  }
  out.push(
    deidStatement(
      opts.confirmed ?? exportValues(manifest, data, templateId, opts).confirmed,
      flaggedCount(manifest, template, values),
    ),
  );
  return out.join("\n");
}

// Whether a file is a backup of this course's record, and a reason when it is
// not. Checks the format name, that every element is one this course has
// (by id and kind), the shape of every entry and every number's bounds.
// Mirrors _record.py validate_backup.
export function validateBackup(obj, manifest) {
  const bad = (message) => ({ data: null, message });
  if (!isObj(obj)) return bad("This file does not hold a course record.");
  let data = obj;
  if ("format" in obj) {
    if (obj.format !== BACKUP_FORMAT) return bad("This file is not a backup of this course's record.");
    if (obj.version !== 1)
      return bad("This backup was made by a different version of the course record, which this page cannot read.");
    data = obj.data;
  }
  if (!isObj(data) || !isObj(data.elements))
    return bad("This file is not a backup of this course's record: it has no list of your work.");
  if (data.version !== 1)
    return bad("This backup was made by a different version of the course record, which this page cannot read.");
  const known = manifest ? knownElements(manifest) : null;
  const ids = Object.keys(data.elements);
  if (known) {
    const foreign = ids.filter((id) => !(id in known));
    if (foreign.length && foreign.length === ids.length) {
      return bad(
        `This backup is not from this course: none of its ${plural(ids.length, "entry", "entries")} (for example '${foreign[0].slice(0, 60)}') is part of this course.`,
      );
    }
    if (foreign.length)
      return bad(
        `This backup is not from this course, or from a different edition of it: it holds work on '${foreign[0].slice(0, 60)}', which this course does not have.`,
      );
  }
  for (const [key, el] of Object.entries(data.elements)) {
    const problem = elementProblem(key, el);
    if (problem) return bad(`This backup is damaged: the entry for '${key.slice(0, 60)}' is not usable (${problem}).`);
    if (known && known[key] !== el.kind)
      return bad(
        `This backup is not from this course: '${key.slice(0, 60)}' is a ${el.kind} there but a ${known[key]} here.`,
      );
  }
  const meta = "meta" in data ? data.meta : {};
  if (!isObj(meta)) return bad("This backup is damaged: its details section is not in the expected shape.");
  const log = "log" in meta ? meta.log : [];
  if (!Array.isArray(log)) return bad("This backup is damaged: the time you logged is not a list.");
  for (const e of log) {
    const problem = logProblem(e);
    if (problem) return bad(`This backup is damaged: in the time you logged, ${problem}.`);
  }
  if ("name" in meta && (typeof meta.name !== "string" || meta.name.length > 200))
    return bad("This backup is damaged: the name is not short text.");
  if ("drafts" in meta && !isObj(meta.drafts))
    return bad("This backup is damaged: the export drafts are not in the expected shape.");
  return { data, message: "" };
}

function knownElements(manifest) {
  if (isObj(manifest.elements)) return manifest.elements;
  if (!Array.isArray(manifest.parts)) return null;
  const known = {};
  for (const p of manifest.parts) {
    if (p.kind === "scenario") known[p.id] = "scenario";
    for (const r of p.reflections) known[r] = "reflection";
    for (const c of p.selfchecks) known[c] = "selfcheck";
  }
  for (const r of Object.keys(manifest.reflections || {})) known[r] = "reflection";
  return known;
}

export function backupObject(manifest, data) {
  return storeBackup(data, manifest.course.title);
}

function summarise(data) {
  const els = Object.values(data.elements || {}).filter(isObj);
  const refl = els.filter((e) => e.kind === "reflection" && norm((e.state || {}).text).trim()).length;
  const scen = els.filter((e) => e.kind === "scenario").length;
  const checks = els.filter((e) => e.kind === "selfcheck").length;
  const log = ((data.meta || {}).log || []).length;
  return `${plural(refl, "reflection")}, ${plural(scen, "scenario")} played, ${plural(checks, "self-check")} and ${plural(log, "logged session")}`;
}

// ---------------------------------------------------------------- browser actions

async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch (err) {
    // fall through to the older way
  }
  const back = document.activeElement;
  const area = h("textarea", { class: "coprod-rec-offscreen", readonly: true, "aria-hidden": "true", tabindex: "-1" });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch (err) {
    ok = false;
  }
  area.remove();
  if (back && back.focus) back.focus();
  return ok;
}

function safePersist(store) {
  store.persist();
  refreshAll();
}

// ---------------------------------------------------------------- page plumbing

const mounted = []; // {root, refresh}

function refreshAll(except) {
  for (const v of mounted) if (v !== except && v.refresh) v.refresh();
}

function announcer() {
  return h("p", { class: "coprod-rec-sr-only", role: "status", "aria-live": "polite" });
}

function say(live, text) {
  live.textContent = "";
  // a fresh text node after clearing, so the same message is announced again
  setTimeout(() => {
    live.textContent = text;
  }, 30);
}

function hx(level, n) {
  return `h${Math.min(6, level + n)}`;
}

function partOf(manifest, id) {
  return manifest.parts.find((p) => p.id === id);
}

// ---------------------------------------------------------------- view: progress

function viewProgress(ctx) {
  const { manifest, store, level, body } = ctx;
  function draw() {
    const prog = computeProgress(manifest, store.data);
    const m = prog.minutes;
    const statusText = { done: "Done", started: "Started", "not-started": "Not started" };
    const rows = prog.parts.map((p) => {
      const part = partOf(manifest, p.id);
      const did = [];
      if (p.kind === "scenario") {
        const titles = reachedTitles(manifest, p.id, stateOf(store.data, p.id));
        did.push(titles.length ? `Endings reached: ${titles.join("; ")}` : "No ending reached yet");
      } else if (p.selfchecks) {
        did.push(p.attempted ? "Self-check attempted" : "Self-check not attempted");
      }
      if (p.reflections) did.push(`${p.written} of ${p.reflections} reflections written`);
      return h(
        "tr",
        { class: `coprod-rec-${p.status}` },
        h("th", { scope: "row" }, h("a", { href: part.href }, p.label)),
        h("td", {}, statusText[p.status]),
        h("td", {}, did.join(". ") + "."),
        h(
          "td",
          {},
          p.earned ? `${p.earned} minutes: ${p.how}` : p.how ? p.how : "Nothing yet",
          p.kind === "module" && !p.logged
            ? h(
                "div",
                { class: "coprod-rec-choice" },
                h("input", {
                  type: "checkbox",
                  id: `${ctx.idp}-read-${p.id}`,
                  checked: p.read,
                  onchange: (event) => {
                    store.data.meta ||= {};
                    const meta = store.data.meta;
                    if (!isObj(meta.read)) meta.read = {};
                    if (event.target.checked) meta.read[p.id] = localToday();
                    else delete meta.read[p.id];
                    safePersist(store);
                    draw();
                    say(
                      ctx.live,
                      event.target.checked
                        ? `${p.label} marked read: its time counts.`
                        : `${p.label} no longer marked read.`,
                    );
                    const again = document.getElementById(`${ctx.idp}-read-${p.id}`);
                    if (again) again.focus();
                  },
                }),
                h(
                  "label",
                  { for: `${ctx.idp}-read-${p.id}` },
                  "I have read this module",
                  h("span", { class: "coprod-rec-sr-only" }, `: ${p.label}`),
                ),
              )
            : null,
        ),
      );
    });
    body.replaceChildren(
      h(
        "div",
        { class: "coprod-rec-print coprod-rec-visible" },
        h("p", { class: "coprod-rec-print-only coprod-rec-print-title" }, "My CPD record: progress"),
        h(
          "p",
          { class: "coprod-rec-print-only coprod-rec-meta" },
          `${manifest.course.title} · printed ${fmtDate(localToday())}`,
        ),
        h(
          "p",
          { class: "coprod-rec-summary" },
          `You have done ${prog.modules_done.length} of ${prog.modules} modules and ${prog.scenarios_done.length} of ${prog.scenarios} case scenarios, ` +
            `attempted ${prog.selfchecks_attempted} of ${prog.selfchecks} self-checks and written ${prog.reflections_written} of ${prog.reflections} reflections.`,
        ),
        h(
          "table",
          { class: "coprod-rec-table coprod-rec-hours" },
          h("caption", {}, "Your hours"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Time"),
              h("th", { scope: "col" }, "Solo or participatory"),
              h("th", { scope: "col" }, "Hours"),
            ),
          ),
          h(
            "tbody",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "row" }, "The course's estimate for the parts you have done"),
              h("td", {}, "Solo"),
              h("td", {}, fmtHours(m.estimated)),
            ),
            h(
              "tr",
              {},
              h("th", { scope: "row" }, "Time you logged on your own"),
              h("td", {}, "Solo"),
              h("td", {}, fmtHours(m.logged_solo)),
            ),
            h(
              "tr",
              {},
              h("th", { scope: "row" }, "Time you logged with others"),
              h("td", {}, "Participatory"),
              h("td", {}, fmtHours(m.logged_participatory)),
            ),
          ),
          h(
            "tfoot",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "row" }, "Total"),
              h("td", {}, `${fmtHours(m.solo)} solo, ${fmtHours(m.participatory)} participatory`),
              h("td", {}, fmtHours(m.total)),
            ),
          ),
        ),
        h(
          "table",
          { class: "coprod-rec-table coprod-rec-parts" },
          h("caption", {}, "Modules and case scenarios"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "Part"),
              h("th", { scope: "col" }, "Status"),
              h("th", { scope: "col" }, "What you have done"),
              h("th", { scope: "col" }, "Time counted, and how"),
            ),
          ),
          h("tbody", {}, rows),
        ),
        h(
          "ul",
          { class: "coprod-rec-how" },
          h(
            "li",
            {},
            `The course's estimate, ${fmtHours(m.estimated)}: each module's time to learn once you mark it read or attempt its self-check and write a reflection, plus each scenario's time for every side you played to an ending; a part you logged time for counts your logged time instead.`,
          ),
          h("li", {}, `Logged on your own, ${fmtHours(m.logged_solo)}: the sum of the solo entries in your log below.`),
          h(
            "li",
            {},
            `Logged with others, ${fmtHours(m.logged_participatory)}: the sum of the participatory entries in your log below; only this counts as participatory or interactive time.`,
          ),
        ),
        prog.first ? h("p", { class: "coprod-rec-meta" }, activityDates(prog)) : null,
      ),
    );
  }
  draw();
  return () => {
    if (!body.contains(document.activeElement)) draw();
  };
}

// ---------------------------------------------------------------- view: log

function viewLog(ctx) {
  const { manifest, store, level, body, live, idp } = ctx;
  const err = {};
  const field = (id, label, input, help) => {
    err[id] = h("p", { id: `${idp}-${id}-err`, class: "coprod-rec-error", hidden: true });
    input.id = `${idp}-${id}`;
    const described = [help ? `${idp}-${id}-help` : null, `${idp}-${id}-err`].filter(Boolean).join(" ");
    input.setAttribute("aria-describedby", described);
    return h(
      "div",
      { class: "coprod-rec-formrow" },
      h("label", { for: input.id }, label),
      help ? h("p", { id: `${idp}-${id}-help`, class: "coprod-rec-help" }, help) : null,
      input,
      err[id],
    );
  };
  const date = h("input", { type: "date", required: true, value: localToday() });
  const what = h("input", { type: "text", required: true, maxlength: 300, autocomplete: "off" });
  const minutes = h("input", { type: "number", required: true, min: 1, max: 1440, step: 1, inputmode: "numeric" });
  const modeName = `${idp}-mode`;
  const modeSolo = h("input", { type: "radio", name: modeName, id: `${idp}-mode-solo`, value: "solo" });
  const modePart = h("input", { type: "radio", name: modeName, id: `${idp}-mode-part`, value: "participatory" });
  err.mode = h("p", { id: `${idp}-mode-err`, class: "coprod-rec-error", hidden: true });
  const part = h(
    "select",
    {},
    h("option", { value: "" }, "None: time beyond the course's own parts"),
    manifest.parts.map((p) => h("option", { value: p.id }, p.label)),
  );
  const form = h(
    "form",
    { class: "coprod-rec-form", novalidate: true, "aria-label": "Log time you spent" },
    field("date", "Date", date),
    field(
      "what",
      "What you did",
      what,
      "For example: a team workshop on the policing scenario; further reading on the Mental Capacity Act. Leave out names of people.",
    ),
    field("minutes", "Time spent, in minutes", minutes),
    h(
      "fieldset",
      { class: "coprod-rec-fieldset", "aria-describedby": `${idp}-mode-err` },
      h("legend", {}, "On your own or with others?"),
      h(
        "div",
        { class: "coprod-rec-choice" },
        modeSolo,
        h("label", { for: modeSolo.id }, "On my own (solo): reading, study, writing"),
      ),
      h(
        "div",
        { class: "coprod-rec-choice" },
        modePart,
        h(
          "label",
          { for: modePart.id },
          "With other professionals (participatory): a workshop, a group discussion, an online session",
        ),
      ),
      err.mode,
    ),
    field(
      "part",
      "Part of the course it covers (optional)",
      part,
      "If you choose a part, this time replaces the course's estimate for it, so the same time is not counted twice.",
    ),
    h(
      "div",
      { class: "coprod-rec-toolbar" },
      h("button", { type: "submit", class: "coprod-rec-btn coprod-rec-primary" }, "Add to my log"),
    ),
  );
  const listBox = h("div", { class: "coprod-rec-print coprod-rec-visible" });

  function setError(key, input, message) {
    err[key].textContent = message;
    err[key].hidden = !message;
    for (const i of input) {
      if (message) i.setAttribute("aria-invalid", "true");
      else i.removeAttribute("aria-invalid");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const problems = [];
    const d = date.value;
    setError("date", [date], fmtDate(d) ? "" : "Enter the date, for example 12/05/2026.");
    if (!fmtDate(d)) problems.push(date);
    const w = what.value.trim();
    setError("what", [what], w ? "" : "Say briefly what you did.");
    if (!w) problems.push(what);
    const n = Number(minutes.value);
    const okMinutes = minutes.value.trim() !== "" && Number.isInteger(n) && n >= 1 && n <= 1440;
    setError("minutes", [minutes], okMinutes ? "" : "Enter a whole number of minutes from 1 to 1440.");
    if (!okMinutes) problems.push(minutes);
    const mode = modeSolo.checked ? "solo" : modePart.checked ? "participatory" : "";
    setError("mode", [modeSolo, modePart], mode ? "" : "Choose on your own or with others.");
    if (!mode) problems.push(modeSolo);
    if (problems.length) {
      say(live, `The entry was not added: ${plural(problems.length, "answer")} to correct.`);
      problems[0].focus();
      return;
    }
    store.data.meta ||= {};
    const meta = store.data.meta;
    meta.log = Array.isArray(meta.log) ? meta.log : [];
    const entry = {
      id: "e" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6),
      date: d,
      what: w,
      minutes: n,
      mode,
    };
    if (part.value) entry.part = part.value;
    meta.log.push(entry);
    safePersist(store);
    what.value = "";
    minutes.value = "";
    modeSolo.checked = false;
    modePart.checked = false;
    part.value = "";
    draw();
    say(live, `Added to your log: ${w}, ${n} minutes, ${mode}.`);
    what.focus();
  });

  function remove(entry, index) {
    const log = store.data.meta.log;
    const at = log.indexOf(entry);
    if (at < 0) return;
    log.splice(at, 1);
    safePersist(store);
    draw();
    say(live, `Removed from your log: ${entry.what}.`);
    const buttons = listBox.querySelectorAll("button");
    const target = buttons[Math.min(index, buttons.length - 1)] || listBox.querySelector("[tabindex='-1']");
    if (target) target.focus();
  }

  function draw() {
    const log = ((store.data.meta || {}).log || []).filter(isObj);
    if (!log.length) {
      listBox.replaceChildren(
        h("p", { class: "coprod-rec-empty", tabindex: "-1" }, "You have not logged any time yet."),
      );
      return;
    }
    const sorted = [...log].sort((a, b) => String(a.date).localeCompare(String(b.date)));
    listBox.replaceChildren(
      h(
        "table",
        { class: "coprod-rec-table coprod-rec-log" },
        h("caption", {}, "Time you have logged"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Date"),
            h("th", { scope: "col" }, "What you did"),
            h("th", { scope: "col" }, "Minutes"),
            h("th", { scope: "col" }, "Solo or participatory"),
            h("th", { scope: "col" }, "Part of the course"),
            h(
              "th",
              { scope: "col", class: "coprod-rec-noprint" },
              h("span", { class: "coprod-rec-sr-only" }, "Remove"),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          sorted.map((e, i) =>
            h(
              "tr",
              {},
              h("td", {}, fmtDate(e.date)),
              h("td", {}, String(e.what || "")),
              h("td", {}, String(e.minutes)),
              h("td", {}, e.mode === "participatory" ? "Participatory" : "Solo"),
              h("td", {}, e.part && partOf(manifest, e.part) ? partOf(manifest, e.part).label : "None"),
              h(
                "td",
                { class: "coprod-rec-noprint" },
                h(
                  "button",
                  {
                    type: "button",
                    class: "coprod-rec-btn coprod-rec-small",
                    onclick: () => remove(e, i),
                    "aria-label": `Remove: ${fmtDate(e.date)}, ${e.what}`,
                  },
                  "Remove",
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }
  body.replaceChildren(form, listBox);
  draw();
  return draw;
}

// ---------------------------------------------------------------- view: journal

function debriefBox(manifest, part, st, level) {
  const d = scenarioDebrief(manifest, part.id, st);
  const reached = reachedTitles(manifest, part.id, st);
  const box = h("div", { class: "coprod-rec-debrief" }, h(hx(level, 1), {}, "Your scenario debrief"));
  if (!d) {
    box.append(
      h(
        "p",
        {},
        reached.length
          ? `Your last path does not reach an ending yet. Endings you have reached: ${reached.join("; ")}.`
          : "You have not reached an ending in this scenario yet.",
      ),
    );
    return box;
  }
  box.append(
    h("p", {}, `Played as ${d.perspective}. Your choices:`),
    h(
      "ol",
      { class: "coprod-rec-path" },
      d.choices.map((c) => h("li", {}, c)),
    ),
    h("p", {}, "The ending: ", h("strong", {}, d.ending.title), ` (${d.ending.kind}).`),
  );
  if (d.dimensions.length) {
    box.append(
      h("p", {}, "What your choices touched (the sum of their weights):"),
      h(
        "ul",
        { class: "coprod-rec-dims" },
        d.dimensions.map((x) => h("li", {}, `${x.label}: ${signed(x.value)}`)),
      ),
    );
  }
  if (reached.length > 1)
    box.append(h("p", { class: "coprod-rec-meta" }, `All endings you have reached: ${reached.join("; ")}.`));
  return box;
}

function viewJournal(ctx) {
  const { manifest, store, level, body, live, idp } = ctx;
  let showAll = false;
  const groups = h("div", { class: "coprod-rec-groups" });
  const printBox = h("div", { class: "coprod-rec-print" });
  const summary = h("p", { class: "coprod-rec-summary" });
  const toggle = h("input", {
    type: "checkbox",
    id: `${idp}-all`,
    onchange: () => {
      showAll = toggle.checked;
      draw();
      say(live, showAll ? "Showing every prompt, answered or not." : "Showing only the reflections you have written.");
    },
  });
  const toggleLabel = h("label", { for: toggle.id });
  const binders = []; // text boxes waiting to be bound once they are on the page
  const bound = [];

  function drawPrint() {
    const written = allWritten(manifest, store.data);
    const doc = [
      h(hx(level, 0), {}, "My reflective journal"),
      h("p", { class: "coprod-rec-meta" }, `${manifest.course.title} · printed ${fmtDate(localToday())}`),
    ];
    for (const p of manifest.parts) {
      const mine = p.reflections.filter((r) => written.includes(r));
      if (!mine.length) continue;
      doc.push(h(hx(level, 1), {}, p.label));
      if (p.kind === "scenario") {
        const t = debriefText(manifest, p, stateOf(store.data, p.id));
        if (t) doc.push(h("p", { class: "coprod-rec-meta" }, t));
      }
      for (const rid of mine) {
        const r = manifest.reflections[rid];
        doc.push(
          h(hx(level, 2), {}, r.title),
          h("p", { class: "coprod-rec-prompt" }, r.prompt),
          ...paras(textOf(store.data, rid)),
        );
      }
    }
    if (!written.length) doc.push(h("p", {}, "No reflections written yet."));
    printBox.replaceChildren(...doc);
  }

  function entry(rid) {
    const r = manifest.reflections[rid];
    const el = store.element(rid);
    const st = (el && el.state) || {};
    const id = `${idp}-${rid}`;
    const area = h("textarea", {
      id: `${id}-text`,
      class: "coprod-rec-textarea",
      rows: 7,
      "aria-describedby": `${id}-status ${id}-count`,
    });
    area.value = norm(st.text || "");
    const status = h("p", { id: `${id}-status`, class: "coprod-rec-status", role: "status", "aria-live": "polite" });
    const count = h("span", { id: `${id}-count`, class: "coprod-rec-meta" }, plural(words(area.value), "word"));
    const edited = el && el.updated ? fmtDate(el.updated) : "";
    status.textContent = st.text
      ? "Saved on this device."
      : "Not written yet. What you type here is saved on this device and shows on the module page too.";
    let quiet = null;
    const onSave = () => {
      count.textContent = plural(words(area.value), "word");
      status.setAttribute("aria-live", "off");
      status.textContent = store.ok
        ? `Saved on this device at ${timeNow()}.`
        : "Not saved in this browser: kept on this page only.";
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        status.setAttribute("aria-live", "polite");
        drawPrint();
        refreshAll(ctx.self);
      }, 1200);
    };
    binders.push({ area, bind: () => bindText(store, rid, area, { onSave, live }) });
    return h(
      "article",
      { class: "coprod-rec-entry", "aria-labelledby": `${id}-title`, "data-reflection": rid },
      h(hx(level, 1), { id: `${id}-title`, class: "coprod-rec-entry-title" }, r.title),
      h(
        "p",
        { class: "coprod-rec-meta" },
        `Gibbs stage: ${manifest.stages[r.stage].toLowerCase()}` + (edited ? ` · last edited ${edited}` : ""),
      ),
      h("label", { for: area.id, class: "coprod-rec-prompt" }, r.prompt),
      area,
      h("div", { class: "coprod-rec-bar" }, status, count),
      h(
        "p",
        { class: "coprod-rec-meta" },
        h(
          "a",
          { href: r.href, "aria-label": `See this prompt on its page: ${r.title}` },
          "See this prompt on its page",
        ),
      ),
    );
  }

  function draw() {
    const written = allWritten(manifest, store.data);
    const total = manifest.parts.reduce((n, p) => n + p.reflections.length, 0);
    const partsWith = manifest.parts.filter((p) => p.reflections.some((r) => written.includes(r))).length;
    summary.textContent = written.length
      ? `You have written ${plural(written.length, "reflection")} in ${plural(partsWith, "part")} of the course. Edit them here: changes are saved as you type and show on the module pages too.`
      : "You have not written any reflections yet. Each module and scenario has reflection prompts; what you write there appears here, and you can also write here.";
    toggleLabel.textContent = `Also show the prompts you have not answered yet (${total - written.length})`;
    const sections = [];
    for (const p of manifest.parts) {
      const shown = p.reflections.filter((r) => showAll || written.includes(r));
      if (!shown.length) continue;
      const hid = `${idp}-part-${p.id}`;
      sections.push(
        h(
          "section",
          { class: "coprod-rec-part", "aria-labelledby": hid },
          h(hx(level, 0), { id: hid }, p.label),
          h(
            "p",
            { class: "coprod-rec-meta" },
            h(
              "a",
              {
                href: p.href,
                "aria-label": `${p.kind === "scenario" ? "Open the scenario" : "Open the module"}: ${p.label}`,
              },
              p.kind === "scenario" ? "Open the scenario" : "Open the module",
            ),
          ),
          p.kind === "scenario" ? debriefBox(manifest, p, stateOf(store.data, p.id), level) : null,
          shown.map(entry),
        ),
      );
    }
    groups.replaceChildren(...sections);
    bound.length = 0;
    for (const b of binders.splice(0)) bound.push(b.bind());
    drawPrint();
  }

  body.replaceChildren(
    summary,
    h("div", { class: "coprod-rec-choice coprod-rec-toggle" }, toggle, toggleLabel),
    groups,
    printBox,
  );
  draw();
  return () => {
    // a box being written in is never redrawn: it is refreshed in place, and
    // keeps both versions if another tab changed the same reflection
    if (!body.contains(document.activeElement) || document.activeElement === toggle) draw();
    else for (const b of bound) b.refresh();
  };
}

// ---------------------------------------------------------------- view: exports

function viewExports(ctx) {
  const { manifest, store, level, body, live, idp } = ctx;
  const meta = () => {
    store.data.meta ||= {};
    return store.data.meta;
  };
  const drafts = () => {
    const m = meta();
    if (!isObj(m.drafts)) m.drafts = {};
    return m.drafts;
  };
  let tid = manifest.templates.some((t) => t.id === meta().lastExport) ? meta().lastExport : manifest.templates[0].id;

  const templateBox = h(
    "fieldset",
    { class: "coprod-rec-fieldset coprod-rec-step coprod-rec-templates" },
    h("legend", {}, "1. Choose a template"),
  );
  manifest.templates.forEach((t) => {
    const input = h("input", {
      type: "radio",
      name: `${idp}-template`,
      id: `${idp}-t-${t.id}`,
      value: t.id,
      checked: t.id === tid,
      "aria-describedby": `${idp}-t-${t.id}-for`,
      onchange: () => {
        tid = t.id;
        meta().lastExport = tid;
        safePersist(store);
        drawAll();
        say(live, `Template: ${t.name}. The fields below are filled in from your journal.`);
      },
    });
    templateBox.append(
      h(
        "div",
        { class: "coprod-rec-choice" },
        input,
        h("label", { for: input.id }, t.name),
        h("span", { id: `${idp}-t-${t.id}-for`, class: "coprod-rec-meta coprod-rec-for" }, t.for),
      ),
    );
  });

  const pickBox = h("fieldset", { class: "coprod-rec-fieldset coprod-rec-step coprod-rec-pick" });
  const fieldsBox = h("section", { class: "coprod-rec-fields", "aria-labelledby": `${idp}-fields-h` });
  const checkBox = h("section", { class: "coprod-rec-check", "aria-labelledby": `${idp}-check-h` });
  const checkSummary = h("p", { class: "coprod-rec-check-summary", role: "status", "aria-live": "polite" });
  const findings = h("div", { class: "coprod-rec-findings" });
  const personHint = h("p", { class: "coprod-rec-hint" });
  const confirm = h("input", { type: "checkbox", id: `${idp}-confirm` });
  const exportStatus = h("p", { class: "coprod-rec-status", role: "status", "aria-live": "polite" });
  const emptyBox = h("div", { class: "coprod-rec-empty-fields" });
  const printBox = h("div", { class: "coprod-rec-print" });
  const areas = {};

  function draft() {
    const d = drafts();
    if (!isObj(d[tid])) d[tid] = {};
    return d[tid];
  }

  function current() {
    return exportValues(manifest, store.data, tid);
  }

  function drawPick() {
    const written = allWritten(manifest, store.data);
    const { selected } = current();
    pickBox.replaceChildren(h("legend", {}, "2. Choose the reflections to use"));
    if (!written.length) {
      pickBox.append(
        h(
          "p",
          {},
          "You have not written any reflections yet, so the fields start almost empty. Write in the modules or in your journal first, or fill in the fields here.",
        ),
      );
      return;
    }
    const count = h(
      "p",
      { class: "coprod-rec-meta", id: `${idp}-pick-count` },
      `${selected.filter((r) => written.includes(r)).length} of ${written.length} selected.`,
    );
    const setSelected = (ids, message, act) => {
      draft().selected = ids;
      safePersist(store);
      drawPick();
      drawFields(false);
      say(live, message);
      const again = pickBox.querySelector(`button[data-act="${act}"]`);
      if (again) again.focus();
    };
    pickBox.append(
      count,
      h(
        "div",
        { class: "coprod-rec-toolbar" },
        h(
          "button",
          {
            type: "button",
            class: "coprod-rec-btn coprod-rec-small",
            "data-act": "all",
            onclick: () =>
              setSelected(
                [...written],
                "All your reflections are selected; unedited fields are filled in again.",
                "all",
              ),
          },
          "Select all",
        ),
        h(
          "button",
          {
            type: "button",
            class: "coprod-rec-btn coprod-rec-small",
            "data-act": "none",
            onclick: () => setSelected([], "No reflections selected; unedited fields are emptied.", "none"),
          },
          "Select none",
        ),
      ),
    );
    for (const p of manifest.parts) {
      const mine = p.reflections.filter((r) => written.includes(r));
      if (!mine.length) continue;
      const list = h("ul", { class: "coprod-rec-picklist", "aria-label": p.label });
      for (const rid of mine) {
        const r = manifest.reflections[rid];
        const box = h("input", {
          type: "checkbox",
          id: `${idp}-pick-${rid}`,
          checked: selected.includes(rid),
          onchange: () => {
            const now = new Set(current().selected);
            if (box.checked) now.add(rid);
            else now.delete(rid);
            draft().selected = written.filter((x) => now.has(x));
            safePersist(store);
            count.textContent = `${draft().selected.length} of ${written.length} selected.`;
            drawFields(false);
            say(
              live,
              `${box.checked ? "Added" : "Removed"}: ${r.title}. Fields you have not edited are filled in again.`,
            );
          },
        });
        list.append(
          h(
            "li",
            { class: "coprod-rec-choice" },
            box,
            h(
              "label",
              { for: box.id },
              r.title,
              h("span", { class: "coprod-rec-meta" }, ` (${manifest.stages[r.stage].toLowerCase()})`),
            ),
          ),
        );
      }
      pickBox.append(h("p", { class: "coprod-rec-group", "aria-hidden": "true" }, p.label), list);
    }
  }

  function copyButton(label, getText) {
    const done = h("span", { class: "coprod-rec-copied", "aria-hidden": "true" });
    let timer = null;
    const button = h(
      "button",
      {
        type: "button",
        class: "coprod-rec-btn coprod-rec-small",
        "aria-label": `Copy: ${label}`,
        onclick: async () => {
          const ok = await copyText(getText());
          done.textContent = ok ? "Copied" : "Could not copy";
          say(
            live,
            ok
              ? `Copied: ${label}.`
              : "Could not copy. Select the text and press Control and C (Command and C on a Mac).",
          );
          clearTimeout(timer);
          timer = setTimeout(() => (done.textContent = ""), 4000);
        },
      },
      "Copy",
    );
    return [button, done];
  }

  function drawFields(rebuild = true) {
    const { template, values, prefilled } = current();
    const edited = draft().fields || {};
    if (!rebuild) {
      // refill the fields the learner has not edited
      for (const f of template.fields) {
        const a = areas[f.id];
        if (!a || f.kind === "choices" || f.id in edited) continue;
        if (a.value !== norm(values[f.id])) a.value = norm(values[f.id]);
        a.dispatchEvent(new Event("coprod-sync"));
      }
      drawCheck();
      drawPrint();
      return;
    }
    for (const k of Object.keys(areas)) delete areas[k];
    const hid = `${idp}-fields-h`;
    const out = [
      h(hx(level, 0), { id: hid }, `3. Fill in: ${template.name}`),
      h(
        "p",
        { class: "coprod-rec-follows" },
        h("strong", {}, "Template: "),
        `follows ${template.follows}. `,
        h("strong", {}, template.check),
      ),
      h("p", { class: "coprod-rec-meta" }, template.note),
      h(
        "p",
        { class: "coprod-rec-meta" },
        "The fields are filled in from your journal. Edit them here: your edits are kept in this browser for this template, and do not change your journal.",
      ),
    ];
    for (const f of template.fields) {
      const fid = `${idp}-f-${f.id}`;
      if (f.kind === "choices") {
        const chosen = new Set(values[f.id] || []);
        const set = h(
          "fieldset",
          { class: "coprod-rec-fieldset coprod-rec-field", "aria-describedby": `${fid}-help` },
          h("legend", {}, f.label),
          h("p", { id: `${fid}-help`, class: "coprod-rec-help" }, f.help),
        );
        f.options.forEach((o, i) => {
          const box = h("input", {
            type: "checkbox",
            id: `${fid}-${i}`,
            checked: chosen.has(o),
            onchange: () => {
              const now = new Set(current().values[f.id] || []);
              if (box.checked) now.add(o);
              else now.delete(o);
              const d = draft();
              d.fields = { ...(d.fields || {}), [f.id]: f.options.filter((x) => now.has(x)) };
              safePersist(store);
              drawCheck();
              drawPrint();
            },
          });
          set.append(h("div", { class: "coprod-rec-choice" }, box, h("label", { for: box.id }, o)));
        });
        set.append(
          h(
            "div",
            { class: "coprod-rec-bar" },
            copyButton(f.label, () => fieldBody(f, current().values[f.id])),
          ),
        );
        out.push(set);
        continue;
      }
      const area = h("textarea", {
        id: fid,
        class: "coprod-rec-textarea",
        rows: Math.min(14, Math.max(3, Math.ceil(norm(values[f.id]).length / 80) + 1)),
        "aria-describedby": `${fid}-help ${fid}-state`,
      });
      area.value = norm(values[f.id]);
      areas[f.id] = area;
      const stateNote = h("span", { id: `${fid}-state`, class: "coprod-rec-meta" });
      const reset = h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn coprod-rec-small",
          onclick: () => {
            const d = draft();
            if (d.fields) delete d.fields[f.id];
            safePersist(store);
            area.value = norm(current().values[f.id]);
            syncState();
            drawCheck();
            drawPrint();
            say(live, `${f.label}: back to the text from your journal.`);
            area.focus();
          },
        },
        "Use the journal text again",
      );
      const syncState = () => {
        const isEdited = f.id in (draft().fields || {});
        stateNote.textContent = `${plural(words(area.value), "word")} · ${isEdited ? "edited by you" : "from your journal"}`;
        reset.hidden = !isEdited || prefilled[f.id] === undefined;
      };
      area.addEventListener("coprod-sync", syncState);
      let timer = null;
      area.addEventListener("input", () => {
        const d = draft();
        d.fields = { ...(d.fields || {}), [f.id]: area.value };
        store.persist();
        syncState();
        clearTimeout(timer);
        timer = setTimeout(() => {
          drawCheck();
          drawPrint();
        }, 400);
      });
      syncState();
      out.push(
        h(
          "div",
          { class: "coprod-rec-field" },
          h("label", { for: fid, class: "coprod-rec-label" }, f.label),
          h("p", { id: `${fid}-help`, class: "coprod-rec-help" }, f.help),
          area,
          h(
            "div",
            { class: "coprod-rec-bar" },
            stateNote,
            h(
              "span",
              { class: "coprod-rec-actions" },
              copyButton(f.label, () => area.value.trim()),
              reset,
            ),
          ),
        ),
      );
    }
    fieldsBox.replaceChildren(...out);
    drawCheck();
  }

  function drawCheck() {
    const { template, values } = current();
    const items = [];
    let n = 0;
    for (const f of template.fields) {
      if (f.kind === "choices") continue;
      const text = fieldBody(f, values[f.id]);
      const found = findInText(manifest, text);
      if (!found.length) continue;
      n += mergeSpans(found).length;
      const kinds = [...new Set(found.map((x) => x.label))];
      items.push(
        h(
          "div",
          { class: "coprod-rec-finding" },
          h(hx(level, 1), {}, f.label),
          h(
            "p",
            {},
            `Looks like ${kinds.join("; ")}: `,
            found.map((x, i) => [i ? ", " : "", h("q", {}, x.text)]),
          ),
          h("div", { class: "coprod-rec-marked" }, markedNodes(text, found)),
          areas[f.id]
            ? h(
                "button",
                {
                  type: "button",
                  class: "coprod-rec-btn coprod-rec-small",
                  "aria-label": `Go to the field: ${f.label}`,
                  onclick: () => areas[f.id].focus(),
                },
                "Go to the field",
              )
            : null,
        ),
      );
    }
    const message = n
      ? `${plural(n, "passage")} that may identify someone found. Look at the highlighted text below and change it if it could identify anyone. You can still export.`
      : "No possible identifying details found. The check cannot catch everything: read it through yourself before you share it.";
    if (checkSummary.textContent !== message) checkSummary.textContent = message;
    checkSummary.classList.toggle("coprod-rec-flagged", n > 0);
    const empty = emptyFields(manifest, store.data, tid);
    emptyBox.replaceChildren(
      ...(empty.length
        ? [
            h(
              "p",
              {},
              h(
                "strong",
                {},
                `${plural(empty.length, "field")} ${empty.length === 1 ? "is" : "are"} empty and will not be in the file.`,
              ),
              " Write in ",
              empty.length === 1 ? "it" : "them",
              " above if you want ",
              empty.length === 1 ? "it" : "them",
              " in your record:",
            ),
            h(
              "ul",
              {},
              empty.map((f) => h("li", {}, h("strong", {}, f.label), `: ${f.help}`)),
            ),
          ]
        : [h("p", {}, "Every field has text: all of them will be in the file.")]),
    );
    findings.replaceChildren(...items);
    if (template.first_person) {
      const we =
        Object.values(values)
          .filter((v) => typeof v === "string")
          .join(" ")
          .match(/\b(we|our|us|ours)\b/gi) || [];
      personHint.hidden = false;
      personHint.textContent = we.length
        ? `This template asks you to write "I", not "we". "We", "our" or "us" appears ${plural(we.length, "time")}: say what you did yourself where you can.`
        : 'This template asks you to write "I", not "we". No "we" found.';
    } else {
      personHint.hidden = true;
    }
  }

  function drawConfirm() {
    confirm.checked = !!current().confirmed;
  }
  confirm.addEventListener("change", () => {
    draft().confirmed = confirm.checked;
    safePersist(store);
    drawPrint();
  });

  function drawPrint() {
    const { template, values, confirmed, name, today } = current();
    const doc = [
      h(hx(level, 0), {}, template.name),
      h("p", { class: "coprod-rec-meta" }, `Follows ${template.follows}. ${template.check}`),
      h(
        "p",
        {},
        `Course: ${manifest.course.title}`,
        h("br"),
        name.trim() ? [`Name: ${name}`, h("br")] : null,
        `Prepared: ${fmtDate(today)}`,
      ),
    ];
    for (const f of template.fields) {
      const body = fieldBody(f, values[f.id]);
      if (body) doc.push(h(hx(level, 1), {}, f.label), ...paras(body));
    }
    doc.push(
      h("hr"),
      h("p", { class: "coprod-rec-meta" }, deidStatement(confirmed, flaggedCount(manifest, template, values))),
      h("p", { class: "coprod-rec-meta" }, SELF_DECLARED),
    );
    printBox.replaceChildren(...doc);
  }

  const actions = h(
    "section",
    { class: "coprod-rec-exportbar", "aria-labelledby": `${idp}-export-h` },
    h(hx(level, 0), { id: `${idp}-export-h` }, "5. Export"),
    h(
      "p",
      { class: "coprod-rec-meta" },
      "Nothing is sent anywhere: the download is made in this browser and saved where your browser saves files.",
    ),
    emptyBox,
    h(
      "div",
      { class: "coprod-rec-toolbar" },
      h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn coprod-rec-primary",
          onclick: () => {
            const text = exportMarkdown(manifest, store.data, tid);
            const filename = `${tid}-${localToday()}.md`;
            download(filename, text, "text/markdown;charset=utf-8");
            const n = flaggedCount(manifest, current().template, current().values);
            exportStatus.textContent =
              `Downloaded ${filename}.` +
              (n ? ` Remember: ${plural(n, "passage")} flagged above as possibly identifying.` : "");
          },
        },
        "Download as Markdown",
      ),
      h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn",
          onclick: () => {
            drawPrint();
            window.print();
          },
        },
        "Print or save as PDF",
      ),
      h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn",
          onclick: async () => {
            const ok = await copyText(exportPlainText(manifest, store.data, tid));
            exportStatus.textContent = ok
              ? "Copied the whole export as plain text."
              : "Could not copy. Use the Copy button by each field instead.";
          },
        },
        "Copy all as plain text",
      ),
    ),
    exportStatus,
  );

  function drawAll() {
    drawPick();
    drawFields(true);
    drawConfirm();
    drawPrint();
  }

  checkBox.append(
    h(hx(level, 0), { id: `${idp}-check-h` }, "4. Check for details that could identify someone"),
    h(
      "p",
      { class: "coprod-rec-meta" },
      "An account must not identify any patient, service user, family member, member of the public or colleague. This check looks for names after titles, dates of birth, ages with places, NHS, CHI and Medicare-style numbers, postcodes, addresses, phone numbers and email addresses. It warns; it never stops you.",
    ),
    checkSummary,
    personHint,
    findings,
    h(
      "div",
      { class: "coprod-rec-choice" },
      confirm,
      h(
        "label",
        { for: confirm.id },
        "I have read it through: it identifies no patient, service user, family member, member of the public or colleague.",
      ),
    ),
  );
  body.replaceChildren(templateBox, pickBox, fieldsBox, checkBox, actions, printBox);
  drawAll();
  window.addEventListener("beforeprint", drawPrint);
  return () => {
    if (!body.contains(document.activeElement)) drawAll();
  };
}

// ---------------------------------------------------------------- views: backup, restore, clear

function viewBackup(ctx) {
  const { manifest, store, body, live } = ctx;
  const summary = h("p", { class: "coprod-rec-summary" });
  const status = h("p", { class: "coprod-rec-status", role: "status", "aria-live": "polite" });
  const draw = () => {
    summary.textContent = `Your record in this browser holds ${summarise(store.data)}.`;
  };
  body.replaceChildren(
    summary,
    h(
      "div",
      { class: "coprod-rec-toolbar" },
      h(
        "button",
        {
          type: "button",
          class: "coprod-rec-btn coprod-rec-primary",
          onclick: () => {
            const filename = `coprod-record-${localToday()}.json`;
            download(filename, JSON.stringify(backupObject(manifest, store.data), null, 2), "application/json");
            status.textContent = `Downloaded ${filename}. Keep it somewhere private: it holds everything you wrote.`;
          },
        },
        "Download my record (JSON file)",
      ),
    ),
    status,
  );
  draw();
  return draw;
}

function viewRestore(ctx) {
  const { manifest, store, body, live, idp, level } = ctx;
  const input = h("input", {
    type: "file",
    id: `${idp}-file`,
    accept: ".json,application/json",
    "aria-describedby": `${idp}-file-help`,
  });
  const message = h("div", { class: "coprod-rec-message", tabindex: "-1" });
  const status = h("p", { class: "coprod-rec-status", role: "status", "aria-live": "polite" });
  let pending = null;

  function fail(text) {
    pending = null;
    message.replaceChildren(
      h("p", { class: "coprod-rec-error", role: "alert" }, text, " Nothing in this browser has changed."),
    );
    input.value = "";
  }

  input.addEventListener("change", async () => {
    message.replaceChildren();
    status.textContent = "";
    const file = input.files && input.files[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return fail("This file is too big to be a course record.");
    let obj;
    try {
      obj = JSON.parse(await file.text());
    } catch (err) {
      return fail("This file is not a course record: it could not be read as a JSON file.");
    }
    const { data, message: problem } = validateBackup(obj, manifest);
    if (!data) return fail(problem);
    pending = structuredClone(data);
    if (!isObj(pending.meta)) pending.meta = {};
    const made = obj.exported ? fmtDate(obj.exported) : "";
    const title = `${idp}-confirm-h`;
    message.replaceChildren(
      h(
        "div",
        { class: "coprod-rec-confirm", role: "group", "aria-labelledby": title },
        h(hx(level, 0), { id: title, tabindex: "-1" }, "Replace your record with this backup?"),
        h("p", {}, `The backup${made ? ` made on ${made}` : ""} holds ${summarise(pending)}.`),
        h("p", {}, `This browser holds ${summarise(store.data)} now. Restoring replaces all of it.`),
        h(
          "div",
          { class: "coprod-rec-toolbar" },
          h(
            "button",
            {
              type: "button",
              class: "coprod-rec-btn coprod-rec-primary",
              onclick: () => {
                store.replaceAll(pending);
                pending = null;
                input.value = "";
                message.replaceChildren();
                refreshAll(ctx.self);
                status.textContent = store.ok
                  ? `Restored. Your record now holds ${summarise(store.data)}.`
                  : `Restored on this page, but this browser could not save it: ${store.problem}`;
                input.focus();
              },
            },
            "Replace my record with this backup",
          ),
          h(
            "button",
            {
              type: "button",
              class: "coprod-rec-btn",
              onclick: () => {
                pending = null;
                input.value = "";
                message.replaceChildren();
                status.textContent = "Cancelled. Nothing has changed.";
                input.focus();
              },
            },
            "Cancel",
          ),
        ),
      ),
    );
    message.querySelector(`#${CSS.escape(title)}`).focus();
  });

  body.replaceChildren(
    h(
      "div",
      { class: "coprod-rec-formrow" },
      h("label", { for: input.id }, "Choose a backup file"),
      h(
        "p",
        { id: `${idp}-file-help`, class: "coprod-rec-help" },
        "A .json file you downloaded from this page. You will be asked before anything is replaced.",
      ),
      input,
    ),
    message,
    status,
  );
  return () => {};
}

function viewClear(ctx) {
  const { manifest, store, body, live, idp, level } = ctx;
  const status = h("p", { class: "coprod-rec-status", role: "status", "aria-live": "polite", tabindex: "-1" });
  const panel = h("div", { class: "coprod-rec-message" });
  const start = h(
    "button",
    {
      type: "button",
      class: "coprod-rec-btn coprod-rec-danger",
      "aria-expanded": "false",
      onclick: () => {
        const title = `${idp}-confirm-h`;
        start.setAttribute("aria-expanded", "true");
        panel.replaceChildren(
          h(
            "div",
            { class: "coprod-rec-confirm", role: "group", "aria-labelledby": title },
            h(hx(level, 0), { id: title, tabindex: "-1" }, "Delete everything?"),
            h(
              "p",
              {},
              `This deletes ${summarise(store.data)}, your name and your export drafts from this browser. It cannot be undone. Close any other course pages first, or they may save their part again.`,
            ),
            h(
              "div",
              { class: "coprod-rec-toolbar" },
              h(
                "button",
                {
                  type: "button",
                  class: "coprod-rec-btn",
                  onclick: () => {
                    download(
                      `coprod-record-${localToday()}.json`,
                      JSON.stringify(backupObject(manifest, store.data), null, 2),
                      "application/json",
                    );
                    say(live, "Backup downloaded. You can now delete everything, or cancel.");
                  },
                },
                "Download a backup first",
              ),
              h(
                "button",
                {
                  type: "button",
                  class: "coprod-rec-btn coprod-rec-danger",
                  onclick: () => {
                    const left = store.clearAll();
                    panel.replaceChildren();
                    start.setAttribute("aria-expanded", "false");
                    refreshAll(ctx.self);
                    status.textContent = left.length
                      ? `This browser would not delete all of it: ${plural(left.length, "stored item")} from this course ${left.length === 1 ? "is" : "are"} still there. Clear this site's data in your browser's settings to remove ${left.length === 1 ? "it" : "them"}.`
                      : "Deleted. Nothing from this course is stored in this browser now.";
                    status.focus();
                  },
                },
                "Yes, delete everything",
              ),
              h(
                "button",
                {
                  type: "button",
                  class: "coprod-rec-btn",
                  onclick: () => {
                    panel.replaceChildren();
                    start.setAttribute("aria-expanded", "false");
                    status.textContent = "Cancelled. Nothing has been deleted.";
                    start.focus();
                  },
                },
                "Cancel",
              ),
            ),
          ),
        );
        panel.querySelector(`#${CSS.escape(title)}`).focus();
      },
    },
    "Delete all my course data from this browser",
  );
  body.replaceChildren(h("div", { class: "coprod-rec-toolbar" }, start), panel, status);
  return () => {};
}

// ---------------------------------------------------------------- view: statement

function viewStatement(ctx) {
  const { manifest, store, level, body, live, idp } = ctx;
  const nameInput = h("input", {
    type: "text",
    id: `${idp}-name`,
    autocomplete: "name",
    maxlength: 120,
    "aria-describedby": `${idp}-name-help`,
  });
  nameInput.value = String((store.data.meta || {}).name || "");
  const saved = h("span", { class: "coprod-rec-meta", role: "status", "aria-live": "polite" });
  const doc = h("article", {
    class: "coprod-rec-print coprod-rec-visible coprod-rec-statement",
    "aria-labelledby": `${idp}-st-h`,
  });
  nameInput.addEventListener("input", () => {
    store.data.meta ||= {};
    const meta = store.data.meta;
    meta.name = nameInput.value;
    store.persist();
    draw();
  });
  nameInput.addEventListener("change", () => {
    saved.textContent = store.ok ? "Name saved on this device." : "Name kept on this page only.";
  });

  function draw() {
    const prog = computeProgress(manifest, store.data);
    const m = prog.minutes;
    const name = String((store.data.meta || {}).name || "").trim();
    const list = (items, none) =>
      items.length
        ? h(
            "ul",
            {},
            items.map((x) => h("li", {}, x)),
          )
        : h("p", {}, none);
    doc.replaceChildren(
      h(hx(level, 0), { id: `${idp}-st-h` }, "Statement of participation"),
      h(
        "p",
        { class: "coprod-rec-st-lead" },
        name ? h("strong", {}, name) : h("span", { class: "coprod-rec-blank" }, "(your name)"),
        ` took part in the online CPD course “${manifest.course.title}”.`,
      ),
      h(hx(level, 1), {}, "Modules completed"),
      list(prog.modules_done, "None yet."),
      h(hx(level, 1), {}, "Case scenarios completed"),
      list(
        prog.parts.filter((p) => p.kind === "scenario" && p.status === "done").map((p) => partOf(manifest, p.id).title),
        "None yet.",
      ),
      h(
        "p",
        {},
        `Self-checks attempted: ${prog.selfchecks_attempted} of ${prog.selfchecks}. Reflections written: ${prog.reflections_written} of ${prog.reflections}.`,
      ),
      h(hx(level, 1), {}, "Hours"),
      h(
        "table",
        { class: "coprod-rec-table" },
        h("caption", { class: "coprod-rec-sr-only" }, "Hours"),
        h(
          "tbody",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Course's estimate for the parts completed (solo)"),
            h("td", {}, fmtHours(m.estimated)),
          ),
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Time logged by the learner, solo"),
            h("td", {}, fmtHours(m.logged_solo)),
          ),
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Time logged by the learner, participatory"),
            h("td", {}, fmtHours(m.logged_participatory)),
          ),
          h(
            "tr",
            {},
            h("th", { scope: "row" }, "Total"),
            h("td", {}, `${fmtHours(m.total)} (${fmtHours(m.solo)} solo, ${fmtHours(m.participatory)} participatory)`),
          ),
        ),
      ),
      prog.first ? h("p", {}, activityDates(prog)) : null,
      h("p", {}, `Date of this statement: ${fmtDate(localToday())}.`),
      h(
        "p",
        { class: "coprod-rec-disclaimer" },
        h("strong", {}, "This is a self-declared record of participation, not accreditation. "),
        "The learner made it in their own browser from their own use of the course. The course does not assess, verify or accredit it, and the hours are the course's estimates plus time the learner logged.",
      ),
      h("p", { class: "coprod-rec-sign" }, "Signed: ______________________________"),
    );
  }

  body.replaceChildren(
    h(
      "div",
      { class: "coprod-rec-formrow coprod-rec-noprint" },
      h("label", { for: nameInput.id }, "Your name, as it should appear on the statement"),
      h(
        "p",
        { id: `${idp}-name-help`, class: "coprod-rec-help" },
        "Saved in this browser with the rest of your record. Leave it empty to write your name by hand.",
      ),
      nameInput,
      saved,
    ),
    h(
      "div",
      { class: "coprod-rec-toolbar coprod-rec-noprint" },
      h(
        "button",
        { type: "button", class: "coprod-rec-btn coprod-rec-primary", onclick: () => window.print() },
        "Print or save as PDF",
      ),
    ),
    doc,
  );
  draw();
  return () => {
    if (document.activeElement !== nameInput) {
      nameInput.value = String((store.data.meta || {}).name || "");
      draw();
    }
  };
}

// ---------------------------------------------------------------- mounting

const VIEWS = {
  progress: viewProgress,
  log: viewLog,
  journal: viewJournal,
  exports: viewExports,
  backup: viewBackup,
  restore: viewRestore,
  clear: viewClear,
  statement: viewStatement,
};

export function mountRecords(scope = document) {
  const store = getStore();
  for (const root of scope.querySelectorAll(".coprod-record[data-view]:not([data-coprod-mounted])")) {
    const view = root.getAttribute("data-view");
    const dataNode = root.querySelector("script.coprod-rec-data");
    if (!VIEWS[view] || !dataNode) continue;
    let manifest;
    try {
      manifest = JSON.parse(dataNode.textContent);
    } catch (err) {
      continue; // the readable fallback stays visible
    }
    root.setAttribute("data-coprod-mounted", "");
    const level = Math.max(2, Math.min(5, Number(root.getAttribute("data-heading")) || 2));
    const live = announcer();
    const body = h("div", { class: "coprod-rec-body" });
    const host = h("div", { class: "coprod-rec-live" });
    pageWarning(store, root, manifest.course.title);
    host.append(body, live);
    root.append(host);
    root.classList.add("coprod-rec-js");
    const ctx = { manifest, store, level, body, live, idp: `coprod-rec-${view}`, self: null };
    const entry = { root, refresh: null };
    ctx.self = entry;
    entry.refresh = VIEWS[view](ctx);
    mounted.push(entry);
  }
}

// Printing: when this browser holds a record, print only the record's
// document (.coprod-rec-print); with no record (or for the course's PDF),
// print the page's text with each view's readable fallback.
function hasRecord(data) {
  const meta = data.meta || {};
  return (
    Object.keys(data.elements || {}).length > 0 ||
    !!String(meta.name || "").trim() ||
    (meta.log || []).length > 0 ||
    Object.keys(meta.drafts || {}).length > 0
  );
}

function beforePrint() {
  const store = getStore();
  if (mounted.length && hasRecord(store.data) && document.querySelector(".coprod-rec-print")) {
    document.documentElement.classList.add("coprod-rec-printing");
  }
}

function afterPrint() {
  document.documentElement.classList.remove("coprod-rec-printing");
}

if (typeof document !== "undefined" && !globalThis.__coprodNoAutoMount) {
  getStore().onChange(() => refreshAll());
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => mountRecords());
  else mountRecords();
}
