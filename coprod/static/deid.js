// De-identification check: flags text which looks as if it could identify a
// person. The record's exports run every field through findIdentifying() and
// warn (never block) when anything matches.
//
// The patterns live in one file, deid-patterns.json beside this one, which
// coprod/privacy (Python) reads too: there is no second list to keep in step.
// tests/js/ checks that both flag exactly the same text in tests/deid_corpus.yml.

import SPEC from "./deid-patterns.json" with { type: "json" };

export const CHARACTER_NOTE = SPEC.character_note;
// name patterns that carry a place (a bed or bay): never "fine if you mean the scenario"
const NAME_WITH_PLACE = new Set(["name-bed", "bed-name"]);

// {{key}} becomes defines[key] or lists[key] joined with "|" ({{key|lower}} in
// lower case), until none is left; coprod/privacy does exactly the same.
function expand(source) {
  for (let i = 0; i < 10; i++) {
    const next = source.replace(/\{\{(\w+)(\|lower)?\}\}/g, (m, key, lower) => {
      const value = key in SPEC.defines ? SPEC.defines[key] : SPEC.lists[key].join("|");
      return lower ? value.toLowerCase() : value;
    });
    if (next === source) return next;
    source = next;
  }
  throw new Error("deid-patterns.json: macros nest too deeply");
}

// Every pattern with its source expanded: {id, kind, label, flags, source}.
export const DEID_PATTERNS = SPEC.patterns.map((p) => ({ ...p, source: expand(p.source) }));

const COMPILED = DEID_PATTERNS.map((p) => ({ ...p, re: new RegExp(p.source, "g" + p.flags) }));
const SPLIT = new RegExp(SPEC.word_split);
const NOT_CHARACTERS = new Set([...SPEC.lists.titles, ...SPEC.lists.ranks].map((w) => w.toLowerCase()));

// Every match in the text: [{id, kind, label, start, end, text, note}], in
// order of position (longer first at the same place). characterNames: the
// course's character names; they are flagged like any other name, and a name
// finding that contains one has note = CHARACTER_NOTE unless something else
// identifying is near it (character_note_rule in the pattern file).
export function findIdentifying(text, characterNames = []) {
  const characters = new Set(
    (characterNames || [])
      .map((n) =>
        String(n || "")
          .trim()
          .toLowerCase(),
      )
      .filter((n) => n && !NOT_CHARACTERS.has(n)),
  );
  const found = [];
  const character = new Set(); // name findings that contain a course character's name
  const s = String(text || "");
  for (const p of COMPILED) {
    p.re.lastIndex = 0;
    for (const m of s.matchAll(p.re)) {
      const words = m[0]
        .split(SPLIT)
        .filter(Boolean)
        .map((w) => w.toLowerCase());
      const f = {
        id: p.id,
        kind: p.kind,
        label: p.label,
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        note: "",
      };
      found.push(f);
      if (p.kind === "name" && !NAME_WITH_PLACE.has(p.id) && words.some((w) => characters.has(w))) character.add(f);
    }
  }
  // the note only where nothing else identifying is in or near the name (see character_note_rule)
  const near = SPEC.character_note_distance;
  const others = found.filter((f) => f.kind !== "name" || NAME_WITH_PLACE.has(f.id));
  for (const m of s.matchAll(new RegExp(SPEC.character_note_context, "gi")))
    others.push({ start: m.index, end: m.index + m[0].length });
  for (const f of character) {
    if (!others.some((o) => o.start < f.end + near && o.end > f.start - near)) f.note = CHARACTER_NOTE;
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

// Overlapping matches merged into spans to highlight: [{start, end, labels}].
export function mergeSpans(found) {
  const spans = [];
  for (const f of found) {
    const last = spans[spans.length - 1];
    if (last && f.start < last.end) {
      last.end = Math.max(last.end, f.end);
      if (!last.labels.includes(f.label)) last.labels.push(f.label);
    } else {
      spans.push({ start: f.start, end: f.end, labels: [f.label] });
    }
  }
  return spans;
}

// The text as DOM nodes, with each flagged span wrapped in <mark>. Learner text
// only ever becomes text nodes.
export function markedNodes(text, found) {
  const s = String(text || "");
  const nodes = [];
  let at = 0;
  for (const span of mergeSpans(found)) {
    if (span.start > at) nodes.push(document.createTextNode(s.slice(at, span.start)));
    const mark = document.createElement("mark");
    mark.className = "coprod-rec-flag";
    mark.title = "Looks like " + span.labels.join(" or ");
    mark.append(document.createTextNode(s.slice(span.start, span.end)));
    nodes.push(mark);
    at = span.end;
  }
  if (at < s.length) nodes.push(document.createTextNode(s.slice(at)));
  return nodes;
}
