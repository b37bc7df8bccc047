// De-identification check: the patterns that flag text which looks as if it
// could identify a person, in one place. The record's exports run every field
// through findIdentifying() and warn (never block) when anything matches.
//
// coprod/_deid.py mirrors these patterns for Python (notebooks and unit tests);
// tests/test_record.py fails if the two lists drift apart, and a browser test
// checks that both flag the same text in tests/deid_corpus.yml.
//
// Rules for editing: write each pattern so that Python's `re` (with re.ASCII)
// and JavaScript's RegExp read it the same way: explicit classes such as
// [0-9] and [ ] rather than \d and \s, no named groups, no backticks.
// `flags` is "" (case matters) or "i" (case does not matter).

export const DEID_PATTERNS = [
  // A title followed by a capitalised name: "Mrs Patel", "Dr. Okafor", "Mr O'Brien".
  // "Mr A" (one letter, the usual way to anonymise) and "Mr Men" / "MS Teams" are not flagged.
  {
    id: "title-name",
    kind: "name",
    label: "a title followed by a name",
    flags: "",
    source: String.raw`\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ ]+(?!(?:Men|Right|Whippy|Blobby|Teams)\b)[A-Z](?:[a-z]+|'[A-Z][a-z]+)(?:-[A-Z][a-z]+)?`,
  },
  // "DOB 14/02/1938", "date of birth: 3 March 1941", "born on 12 June 1950", "born in 1944"
  {
    id: "dob-keyword",
    kind: "dob",
    label: "a date of birth",
    flags: "i",
    source: String.raw`\b(?:DOB|D\.O\.B\.?|date of birth|born(?:[ ]+on)?)[ ]*[:,-]?[ ]*(?:[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,4}|[0-9]{1,2}(?:st|nd|rd|th)?[ ]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?[ ]+[0-9]{2,4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ ]+[0-9]{1,2}(?:st|nd|rd|th)?,?[ ]+[0-9]{4})|\bborn[ ]+in[ ]+19[0-9]{2}\b`,
  },
  // A full numeric date in the 1900s, the way dates of birth appear in records: "07/11/1946".
  {
    id: "dob-numeric",
    kind: "dob",
    label: "a date that may be a date of birth",
    flags: "",
    source: String.raw`(?<![0-9/.-])(?:0?[1-9]|[12][0-9]|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-]19[0-9]{2}(?![0-9])`,
  },
  // An age with a place in the same sentence: "a 78-year-old man from Kendal", "aged 91, living in Morecambe".
  // Ranges ("aged 65 and over"), countries and states ("in England", "in NSW") and months are not flagged.
  {
    id: "age-place",
    kind: "age-place",
    label: "an age with a place",
    flags: "",
    source: String.raw`(?:\b[Aa]ged[ ]+[0-9]{1,3}\b(?![ ]*(?:and\b|or\b|to\b|plus\b|[-–+]))|\b[0-9]{1,3}[ -]?(?:year|yr)s?[ -]?old\b|\b[0-9]{1,3}[ ]?(?:yo|y/o)\b)[^.!?\n]{0,60}?\b(?:from|in|of|at|near)[ ]+(?:the[ ]+)?(?!(?:England|Scotland|Wales|Ireland|Northern|Britain|Great|United|Australia|New|Victoria|Queensland|Tasmania|Europe|Trust|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z]+`,
  },
  // "Mrs Jones, 84, from Kendal"
  {
    id: "age-place-comma",
    kind: "age-place",
    label: "an age with a place",
    flags: "",
    source: String.raw`,[ ]*[0-9]{1,3}[ ]*,[ ]*(?:from|of|in)[ ]+[A-Z][a-z]+`,
  },
  // NHS number: 10 digits, often written 3-3-4.
  {
    id: "nhs-number",
    kind: "nhs",
    label: "an NHS number",
    flags: "",
    source: String.raw`(?<![0-9A-Za-z])[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}(?![0-9A-Za-z])`,
  },
  // CHI number (Scotland): 10 digits starting with a date of birth (ddmmyy).
  {
    id: "chi-number",
    kind: "chi",
    label: "a CHI number",
    flags: "",
    source: String.raw`(?<![0-9A-Za-z])(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])[0-9]{2}[ -]?[0-9]{4}(?![0-9A-Za-z])`,
  },
  // Medicare-style card number (Australia): 10 digits starting 2 to 6, often 4-5-1, with an optional extra digit.
  {
    id: "medicare-number",
    kind: "medicare",
    label: "a Medicare-style number",
    flags: "",
    source: String.raw`(?<![0-9A-Za-z])[2-6][0-9]{3}[ -]?[0-9]{5}[ -]?[0-9](?:[ -]?[0-9])?(?![0-9A-Za-z])`,
  },
  // UK postcode, in capitals or all lower case: "LS6 2QT", "m14 5rt".
  {
    id: "postcode",
    kind: "postcode",
    label: "a postcode",
    flags: "",
    source: String.raw`\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?[ ]?[0-9][ABD-HJLNP-UW-Z]{2}|[a-z]{1,2}[0-9][a-z0-9]?[ ][0-9][abd-hjlnp-uw-z]{2})\b`,
  },
  // A house number and street: "14 Mill Lane", "22 Kings Road".
  {
    id: "street-address",
    kind: "address",
    label: "a street address",
    flags: "",
    source: String.raw`\b[0-9]{1,4}[A-Za-z]?,?[ ]+(?:[A-Z][a-z']+[ ]+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|Crescent|Drive|Court|Place|Terrace|Way|Gardens|Grove|Square|Walk|Row|Mews|Parade|Hill)\b`,
  },
  // "Flat 3"
  {
    id: "flat-number",
    kind: "address",
    label: "a street address",
    flags: "",
    source: String.raw`\bFlat[ ]+[0-9]{1,4}[A-Za-z]?\b`,
  },
  // UK and Australian phone numbers, national and international forms.
  {
    id: "phone",
    kind: "phone",
    label: "a phone number",
    flags: "",
    source: String.raw`(?<![0-9A-Za-z+])(?:0[1-9][0-9]{2,3}[ -]?[0-9]{3}[ -]?[0-9]{3,4}|0[1-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}|0[1-9][0-9]{3}[ -]?[0-9]{6}|0[2378][ -]?[0-9]{4}[ -]?[0-9]{4})(?![0-9A-Za-z])|\+44[ ]?(?:\(0\)[ ]?)?[1-9][0-9]{2,4}[ -]?[0-9]{3,4}[ -]?[0-9]{3,4}(?![0-9])|\+61[ ]?(?:[2378][ -]?[0-9]{4}[ -]?[0-9]{4}|4[0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3})(?![0-9])`,
  },
  {
    id: "email",
    kind: "email",
    label: "an email address",
    flags: "",
    source: String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`,
  },
];

const COMPILED = DEID_PATTERNS.map((p) => ({ ...p, re: new RegExp(p.source, "g" + p.flags) }));

// Every match in the text: [{id, kind, label, start, end, text}], in order of position.
export function findIdentifying(text) {
  const found = [];
  const s = String(text || "");
  for (const p of COMPILED) {
    p.re.lastIndex = 0;
    for (const m of s.matchAll(p.re)) {
      found.push({ id: p.id, kind: p.kind, label: p.label, start: m.index, end: m.index + m[0].length, text: m[0] });
    }
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
