// coprod record, the model: pure calculations over the learner's stored data
// ({version, elements, meta}) and the course manifest written by
// coprod/record/manifest.py. No DOM, no storage: node's test runner imports
// this file directly (tests/js/record_model.test.mjs).
//
// Each function here has a namesake in coprod/record/model.py that must give
// the same result (snake_case of the same name); the tests compare them.
//
//   model.js             model.py               what
//   words                words                  words in a text
//   plural               plural                 "1 entry", "2 entries"
//   localToday           local_today            today's date, ISO
//   fmtHours             fmt_hours              minutes as "2.5 hours"
//   fmtDate              fmt_date               ISO date as "12 May 2026"
//   norm                 norm                   CRLF to LF
//   stateOf              state_of               an element's stored state
//   textOf               text_of                a reflection's text
//   attempted            attempted              whether a self-check was tried
//   scenarioEnding       scenario_ending        the ending the current path reaches
//   scenarioDebrief      scenario_debrief       the current path's choices and ending
//   signed               signed                 +2, 0, -1
//   reachedTitles        reached_titles         titles of the endings reached
//   debriefText          debrief_text           one export sentence for a scenario
//   sidesPlayed          sides_played           perspectives played to an ending
//   computeProgress      compute_progress       what is done, and the hours
//   dateRange            date_range             "1 May 2026 to 3 May 2026"
//   activityDates        activity_dates         "Activity recorded from ... to ..."
//   allWritten           all_written            reflections with text, course order
//   hoursHow             hours_how              one line on how the hours were reached
//   sourceText           source_text            one template source's text
//   prefill              prefill                each field's text from the journal
//   mdEscape             md_escape              text as Markdown that shows the same
//   exportValues         export_values          template, values and choices of an export
//   fieldBody            field_body             a field's text as exported
//   findInText           find_in_text           de-identification findings in a text
//   deidStatement        deid_statement         the export's one statement on identifying details
//   SELF_DECLARED        SELF_DECLARED          the export's closing line
//   flaggedCount         flagged_count          passages flagged in an export
//   exportDocument       export_document        one export as data: title, fields, closing
//   exportMarkdown       export_markdown        the Markdown download
//   emptyFields          empty_fields           fields an export leaves out
//   exportPlainText      export_plain_text      the export as plain text
//   validateBackup       validate_backup        whether a file is a backup of this course
//   knownElements        known_elements         this course's element ids and kinds
//   summarise            summarise              "2 reflections, 1 scenario played, ..."
//   partOf               part_of                a part of the course by id
//   hasRecord            has_record             whether the browser holds any of it
//   MAX_FILE_BYTES       MAX_FILE_BYTES         the largest backup file read
//   elementProblem, logProblem (store.js)  ->  element_problem, log_problem (coprod/record/store.py)

import { findIdentifying, mergeSpans } from "../deid.js";
import { BACKUP_FORMAT, elementProblem, isObj, logProblem } from "../store.js";

export { BACKUP_FORMAT };

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
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export function words(text) {
  return (
    String(text || "")
      .trim()
      .match(/\S+/g) || []
  ).length;
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || one + "s"}`;
}

export function localToday() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

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

export function norm(text) {
  return String(text || "").replace(/\r\n/g, "\n");
}

export function stateOf(data, id) {
  const el = (data.elements || {})[id];
  return isObj(el) && isObj(el.state) ? el.state : {};
}

export function textOf(data, rid) {
  return norm(stateOf(data, rid).text).trim();
}

export function attempted(data, cid) {
  const st = stateOf(data, cid);
  return Object.values(st.checked || {}).some(Boolean) || Object.keys(st.answers || {}).length > 0;
}

export function scenarioEnding(manifest, sid, st) {
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

export function signed(v) {
  return v > 0 ? `+${v}` : String(v);
}

export function reachedTitles(manifest, sid, st) {
  const sc = manifest.scenarios[sid] || { endings: {} };
  return (Array.isArray(st.reached) ? st.reached : [])
    .filter((r) => String(r).includes(":"))
    .map((r) => String(r).split(":").slice(1).join(":"))
    .filter((e) => e in sc.endings)
    .map((e) => sc.endings[e].title);
}

// One plain sentence for an export: the sides played (by role, never a
// character's name) and the endings reached, never choices or scores. Mirrors model.py debrief_text.
export function debriefText(manifest, part, st) {
  const sc = manifest.scenarios[part.id] || {};
  const endings = sc.endings || {};
  const roles = sc.roles || {};
  const pairs = (Array.isArray(st.reached) ? st.reached : [])
    .map(String)
    .filter((r) => r.includes(":"))
    .map((r) => [r.split(":")[0], r.split(":").slice(1).join(":")])
    .filter(([, e]) => e in endings);
  if (!pairs.length) return "";
  const sides = [...new Set(pairs.filter(([p]) => p in roles).map(([p]) => roles[p]))];
  const titles = [...new Set(pairs.map(([, e]) => endings[e].title))];
  let out = `In the course's fictional case scenario “${part.title}” I worked through the case`;
  if (sides.length) out += " as " + sides.join(", and as ") + ",";
  if (titles.length === 1) return out + ` and reached the ending “${titles[0]}”.`;
  return out + ` and reached ${titles.length} different endings: ` + titles.map((t) => `“${t}”`).join("; ") + ".";
}

// The perspectives of a scenario played to an ending. Mirrors model.py sides_played.
export function sidesPlayed(manifest, sid, st) {
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
      const sc = manifest.scenarios[p.id] || {};
      const played = sidesPlayed(manifest, p.id, st);
      sides = played.length;
      done = sides > 0;
      started = done || !!st.perspective || (Array.isArray(st.path) && st.path.length > 0);
      const each = played.map((s) => [(sc.minutes || {})[s] || p.minutes, (sc.roles || {})[s] || s]);
      earned = sum(each.map(([m]) => m));
      how = done ? `${each.map(([m, r]) => `${m} minutes as ${r}`).join("; ")} (each side played to an ending)` : "";
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

export function dateRange(first, last) {
  if (!first) return "";
  return first === last ? fmtDate(first) : `${fmtDate(first)} to ${fmtDate(last)}`;
}

export function activityDates(prog) {
  return prog.first === prog.last
    ? `Activity recorded on ${fmtDate(prog.first)}.`
    : `Activity recorded from ${fmtDate(prog.first)} to ${fmtDate(prog.last)}.`;
}

export function allWritten(manifest, data) {
  return manifest.parts.flatMap((p) => p.reflections).filter((r) => textOf(data, r));
}

// The learning logged as participatory (with others), in the order logged.
function loggedSessions(data) {
  return ((data.meta || {}).log || []).filter((e) => isObj(e) && e.mode === "participatory");
}

function sessionText(e) {
  return `${String(e.what || "").trim()} (${fmtDate(String(e.date || ""))}, ${fmtHours(e.minutes)})`;
}

// One line, in minutes so that nothing is lost to rounding: how the hours
// were reached. Mirrors model.py hours_how.
export function hoursHow(prog) {
  const m = prog.minutes;
  const counted = prog.parts.filter((p) => p.earned);
  let course = `the course's estimates for what I completed, ${m.estimated} minutes`;
  if (counted.length)
    course += ` (${counted
      .map((p) =>
        p.kind === "scenario"
          ? `${p.label}, ${plural(p.sides, "side")} played, ${p.earned}`
          : `${p.label}, ${p.earned}`,
      )
      .join("; ")})`;
  return (
    `How the hours were reached: ${course}; time I logged on my own, ${m.logged_solo} minutes; ` +
    `time I logged with others, ${m.logged_participatory} minutes. In all, ${m.total} minutes, ` +
    `of which ${m.participatory} with others.`
  );
}

export function sourceText(manifest, data, src, chosen, prog) {
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
  if (src === "sessions") {
    const sessions = loggedSessions(data);
    return sessions.length ? `With other practitioners: ${sessions.map(sessionText).join("; ")}.` : "";
  }
  if (src === "dates") return dateRange(prog.first, prog.last);
  if (src === "hours") return fmtHours(prog.minutes.total);
  if (src === "hours_how") return hoursHow(prog);
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
    const sessions = loggedSessions(data);
    if (sessions.length) text += ` With others: ${sessions.map(sessionText).join("; ")}.`;
    return text;
  }
  if (src === "evidence") {
    const text = `My reflective journal and a self-declared completion statement printed from the course record of “${title}”, kept by me.`;
    return (
      text +
      (loggedSessions(data).length
        ? " For each group session: its attendance record or a note from whoever ran it."
        : "")
    );
  }
  return "";
}

// Each field's text from the journal (a list of ticked options for a choices
// field). A source may join several with "|". Mirrors model.py prefill.
export function prefill(manifest, data, template, selected) {
  const order = manifest.parts.flatMap((p) => p.reflections);
  const chosen = order.filter((r) => selected.includes(r) && textOf(data, r));
  const prog = computeProgress(manifest, data);
  const out = {};
  for (const f of template.fields) {
    if (f.kind === "choices") {
      // a choices field may start from another template's ticks ("from": "template-id:field-id")
      const [tid, fid] = String(f.from || "").split(":");
      const ticked = tid ? ((((data.meta || {}).drafts || {})[tid] || {}).fields || {})[fid] : null;
      out[f.id] = f.options.filter((o) => Array.isArray(ticked) && ticked.includes(o));
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

export function fieldBody(f, value) {
  if (f.kind === "choices") return f.options.filter((o) => (value || []).includes(o)).join("; ");
  return norm(value).trim();
}

// The de-identification findings in a text. Course characters ("Dr Ellis" in the
// surgery scenario) are flagged like anyone else, with a note that they match a
// character. Mirrors model.py find_in_text.
export function findInText(manifest, text) {
  return findIdentifying(text, manifest.fictional_names || []);
}

const NO_ONE = "identifies no patient, service user, family member, member of the public or colleague";

// The one statement an export makes about identifying details: what the
// automatic check found and whether the author reviewed it. Mirrors model.py deid_statement.
export function deidStatement(confirmed, flagged) {
  const found = flagged
    ? `The course's automatic check flagged ${flagged} passage${flagged !== 1 ? "s" : ""} that might identify someone.`
    : "The course's automatic check flagged nothing that looks identifying.";
  if (!confirmed)
    return found + " Not yet reviewed by the author: check that nothing here identifies anyone before you share it.";
  if (flagged) return found + ` I reviewed each of them and confirm that this account ${NO_ONE}.`;
  return found + ` I read the account through and confirm that it ${NO_ONE}.`;
}
export const SELF_DECLARED =
  "Made with the course's own record tool from the learner's own notes. A self-declared record, not accreditation.";

export function flaggedCount(manifest, template, values) {
  let n = 0;
  for (const f of template.fields)
    if (f.kind !== "choices") n += mergeSpans(findInText(manifest, fieldBody(f, values[f.id]))).length;
  return n;
}

// One export as plain data, the single source of every download: its title,
// the line on the template it follows, the course, name and date, one section
// per field that has text (an empty field is named on the page before
// download, never written into the file) and the closing statements. The
// Markdown and the Word file are both written from it. Mirrors model.py export_document.
export function exportDocument(manifest, data, templateId, opts = {}) {
  const { template, values, confirmed, name, today } = exportValues(manifest, data, templateId, opts);
  const sections = [];
  for (const f of template.fields) {
    const body = fieldBody(f, values[f.id]);
    if (body) sections.push({ id: f.id, heading: f.label, body });
  }
  return {
    title: template.name,
    note: `Follows ${template.follows}. ${template.check}`,
    meta: [
      ["Course", manifest.course.title],
      ["Name", String(name).trim() ? String(name) : ""],
      ["Prepared", fmtDate(today)],
    ],
    sections,
    closing: [deidStatement(confirmed, flaggedCount(manifest, template, values)), SELF_DECLARED],
  };
}

export function exportMarkdown(manifest, data, templateId, opts = {}) {
  const doc = exportDocument(manifest, data, templateId, opts);
  const lines = [`# ${mdEscape(doc.title)}`, ""];
  lines.push(`*${mdEscape(doc.note)}*`, "");
  for (const [label, value] of doc.meta) {
    if (label === "Prepared") lines.push(`${label}: ${value}`, "");
    else if (value) lines.push(`${label}: ${mdEscape(value)}  `);
  }
  for (const section of doc.sections) lines.push(`## ${mdEscape(section.heading)}`, "", mdEscape(section.body), "");
  lines.push("---", "");
  for (const text of doc.closing) lines.push(mdEscape(text), "");
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
// Mirrors model.py validate_backup.
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
    const foreign = ids.filter((id) => !Object.hasOwn(known, id));
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

export function knownElements(manifest) {
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

export function summarise(data) {
  const els = Object.values(data.elements || {}).filter(isObj);
  const refl = els.filter((e) => e.kind === "reflection" && norm((e.state || {}).text).trim()).length;
  const scen = els.filter((e) => e.kind === "scenario").length;
  const checks = els.filter((e) => e.kind === "selfcheck").length;
  const log = ((data.meta || {}).log || []).length;
  return `${plural(refl, "reflection")}, ${plural(scen, "scenario")} played, ${plural(checks, "self-check")} and ${plural(log, "logged session")}`;
}

export function partOf(manifest, id) {
  return manifest.parts.find((p) => p.id === id);
}

// Whether this browser holds anything of the learner's: printing shows the
// record's own document only then.
export function hasRecord(data) {
  const meta = data.meta || {};
  return (
    Object.keys(data.elements || {}).length > 0 ||
    !!String(meta.name || "").trim() ||
    (meta.log || []).length > 0 ||
    Object.keys(meta.drafts || {}).length > 0
  );
}
