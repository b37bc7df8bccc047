// coprod store: the one place the course keeps the learner's work in this
// browser (localStorage, key STORE_KEY). Used by coprod.js (the course's
// elements) and by the record pages; they share one Store and one registry of
// listeners.
//
// Rules: the store is opened by reading (never by a test write); a failed
// write keeps what is stored and leaves the data on the page; damaged stored
// data is set aside under UNREADABLE_KEY, never thrown away and never allowed
// to break a page; another tab's changes are merged three ways against what
// this tab last read or wrote. Nothing here touches the DOM except
// pageWarning() and the conflict panel of bindText().

export const STORE_KEY = "coprod-course:v1";
export const UNREADABLE_KEY = `${STORE_KEY}:unreadable`;
export const BACKUP_FORMAT = "coprod-course-record";
// Every key the course has ever written: "delete everything" removes them all.
// "coprod-course" was the first prototype's format; "coprod-probe" was a test
// write that older versions made when they opened the store.
export const LEGACY_KEY = "coprod-course";
export const COURSE_KEYS = [STORE_KEY, UNREADABLE_KEY, LEGACY_KEY, "coprod-probe"];

// "exercise": a notebook exercise's summary (its own Markdown document), written by the exercise when it runs
// on the course's site ("Run in your browser"), so the record pages can show it.
const KINDS = ["reflection", "selfcheck", "scenario", "exercise"];
export const MAX_TITLE = 200; // characters in an exercise's title
const ID_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_TEXT = 100000; // characters in one reflection
export const MAX_MINUTES = 1440; // one logged session: a day at most

export function isObj(x) {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

export function emptyData() {
  return { version: 1, elements: {}, meta: {} };
}

function isInt(n, lo, hi) {
  return typeof n === "number" && Number.isInteger(n) && n >= lo && n <= hi;
}

// What is wrong with one stored element, in words, or "" when it is sound.
export function elementProblem(id, el) {
  if (!ID_RE.test(id)) return "its name is not one the course uses";
  if (!isObj(el) || !KINDS.includes(el.kind) || !isObj(el.state)) return "it is not in the expected shape";
  const st = el.state;
  if (el.kind === "reflection") {
    if ("text" in st && typeof st.text !== "string") return "its text is not text";
    if (typeof st.text === "string" && st.text.length > MAX_TEXT) return "its text is far longer than any reflection";
    if ("conflict" in st && !(isObj(st.conflict) && typeof st.conflict.text === "string"))
      return "its second version is not text";
  } else if (el.kind === "scenario") {
    if ("reached" in st && !(Array.isArray(st.reached) && st.reached.every((r) => typeof r === "string")))
      return "its endings reached are not a list";
    if (
      "path" in st &&
      !(
        Array.isArray(st.path) &&
        st.path.every(
          (s) =>
            Array.isArray(s) &&
            s.length === 2 &&
            typeof s[0] === "string" &&
            (isInt(s[1], 0, 99) || (typeof s[1] === "string" && /^[0-9]{1,2}$/.test(s[1]))),
        )
      )
    ) {
      return "its path is not a list of choices";
    }
    if ("perspective" in st && st.perspective !== null && typeof st.perspective !== "string")
      return "its perspective is not a name";
  } else if (el.kind === "exercise") {
    if (typeof st.text !== "string") return "its summary is not text";
    if (st.text.length > MAX_TEXT) return "its summary is far longer than any exercise writes";
    if ("title" in st && !(typeof st.title === "string" && st.title.length <= MAX_TITLE))
      return "its title is not a title";
  } else if (el.kind === "selfcheck") {
    if ("answers" in st && !isObj(st.answers)) return "its answers are not in the expected shape";
    if ("checked" in st && !isObj(st.checked)) return "its checked answers are not in the expected shape";
  }
  return "";
}

// What is wrong with one logged session, or "".
export function logProblem(e) {
  if (!isObj(e)) return "an entry is not in the expected shape";
  if (!isInt(e.minutes, 0, MAX_MINUTES))
    return `an entry's minutes (${String(e.minutes).slice(0, 20)}) are not a whole number from 0 to ${MAX_MINUTES}`;
  if (e.mode !== "solo" && e.mode !== "participatory") return "an entry is neither solo nor participatory";
  if ("what" in e && (typeof e.what !== "string" || e.what.length > 1000))
    return "an entry's description is not short text";
  if ("date" in e && (typeof e.date !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(e.date)))
    return "an entry's date is not a date";
  return "";
}

// Split stored data into what the pages can use and what must be set aside.
// Returns {data, aside}; aside is null when nothing was wrong.
export function sanitise(parsed) {
  if (!isObj(parsed) || !isObj(parsed.elements)) return { data: emptyData(), aside: parsed };
  const data = { ...parsed, version: 1, elements: {}, meta: isObj(parsed.meta) ? { ...parsed.meta } : {} };
  const aside = {};
  for (const [id, el] of Object.entries(parsed.elements)) {
    if (elementProblem(id, el)) {
      aside.elements ||= {};
      aside.elements[id] = el;
    } else data.elements[id] = el;
  }
  if (!isObj(parsed.meta) && "meta" in parsed) aside.meta = parsed.meta;
  const meta = data.meta;
  if ("log" in meta) {
    const log = Array.isArray(meta.log) ? meta.log : [];
    const bad = Array.isArray(meta.log) ? log.filter((e) => logProblem(e)) : [meta.log];
    meta.log = log.filter((e) => !logProblem(e));
    if (bad.length) aside.log = bad;
  }
  if ("name" in meta && typeof meta.name !== "string") {
    aside.name = meta.name;
    delete meta.name;
  }
  if ("drafts" in meta && !isObj(meta.drafts)) {
    aside.drafts = meta.drafts;
    delete meta.drafts;
  }
  return { data, aside: Object.keys(aside).length ? aside : null };
}

// The first prototype's format, brought up to date.
export function upgradeLegacy(old) {
  const elements = {};
  for (const [id, text] of Object.entries((old && old.reflections) || {})) {
    elements[id] = { kind: "reflection", state: { text: String(text) }, updated: null };
  }
  for (const [id, s] of Object.entries((old && old.scenarios) || {})) {
    elements[id] = {
      kind: "scenario",
      state: { path: (s && s.path) || [], reached: (s && s.reached) || [] },
      updated: null,
    };
  }
  return sanitise({ version: 1, elements, meta: { migratedFrom: LEGACY_KEY } }).data;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Three-way merge of another tab's data (theirs) into this tab's (mine),
// against what this tab last read or wrote (base). Where the same reflection
// changed in both, mine stays and theirs is kept beside it as state.conflict.
export function merge(base, mine, theirs) {
  const out = { ...theirs, elements: {}, meta: {} };
  const ids = new Set([...Object.keys(mine.elements), ...Object.keys(theirs.elements)]);
  for (const id of ids) {
    const b = base.elements[id];
    const m = mine.elements[id];
    const t = theirs.elements[id];
    let pick;
    if (same(m, b)) pick = t;
    else if (same(t, b) || same(m, t)) pick = m;
    else if (
      m &&
      t &&
      m.kind === "reflection" &&
      t.kind === "reflection" &&
      (m.state.text || "") !== (t.state.text || "")
    ) {
      pick = { ...m, state: { ...m.state, conflict: { text: t.state.text || "", updated: t.updated || null } } };
    } else if (m && t) pick = String(m.updated || "") >= String(t.updated || "") ? m : t;
    else pick = m || t; // one side deleted it, the other changed it: keep the change
    if (pick) out.elements[id] = pick;
  }
  const keys = new Set([...Object.keys(mine.meta), ...Object.keys(theirs.meta)]);
  for (const k of keys) {
    const b = base.meta[k];
    const m = mine.meta[k];
    const t = theirs.meta[k];
    let pick;
    if (same(m, b)) pick = t;
    else if (same(t, b)) pick = m;
    else if (k === "log" && Array.isArray(m) && Array.isArray(t)) {
      const seen = new Set(t.map((e) => e.id));
      const baseIds = new Set((Array.isArray(b) ? b : []).map((e) => e.id));
      // theirs, plus what this tab added (not what the other tab removed)
      pick = [...t, ...m.filter((e) => !seen.has(e.id) && !baseIds.has(e.id))];
    } else if (isObj(m) && isObj(t)) pick = { ...t, ...m };
    else pick = m;
    if (pick !== undefined) out.meta[k] = pick;
  }
  return out;
}

function fullError(err) {
  return (
    !!err &&
    (err.name === "QuotaExceededError" ||
      err.name === "NS_ERROR_DOM_QUOTA_REACHED" ||
      err.code === 22 ||
      err.code === 1014)
  );
}

export const FULL_PROBLEM =
  "This browser's storage for the course is full, so your latest changes are not being saved. What was saved before is safe.";
export const BLOCKED_PROBLEM =
  "This browser is not letting the course save your work (storage is switched off or blocked).";
export const WHAT_TO_DO =
  "Your work stays on this page while it is open. Download a backup now; then free space (delete this browser's data for other sites you no longer need) or allow this site to store data, and keep typing: the next change is saved once there is room.";

export class Store {
  constructor(storage, volatile = false) {
    this.storage = storage;
    this.volatile = volatile;
    this.ok = true;
    this.problem = "";
    this.statusListeners = new Set();
    this.changeListeners = new Set();
    this.data = emptyData();
    this.base = emptyData();
    this.load();
  }

  // ---- reading

  load() {
    let raw = null;
    try {
      raw = this.storage.getItem(STORE_KEY);
    } catch (err) {
      this.fail(err);
      return;
    }
    if (raw) {
      let parsed;
      try {
        parsed = JSON.parse(raw);
      } catch (err) {
        parsed = undefined;
      }
      const { data, aside } = parsed === undefined ? { data: emptyData(), aside: raw } : sanitise(parsed);
      this.data = data;
      this.base = structuredClone(data);
      if (aside !== null) this.setAside(aside);
      return;
    }
    let old = null;
    try {
      old = this.storage.getItem(LEGACY_KEY);
    } catch (err) {
      old = null;
    }
    if (old) {
      try {
        this.data = upgradeLegacy(JSON.parse(old));
      } catch (err) {
        this.setAside(old);
        return;
      }
      if (this.persist()) this.remove(LEGACY_KEY);
    }
  }

  // Keep damaged data where a person (or a later version) can still find it.
  setAside(value) {
    let list = [];
    try {
      const prev = JSON.parse(this.storage.getItem(UNREADABLE_KEY) || "[]");
      list = Array.isArray(prev) ? prev : [prev];
    } catch (err) {
      const prev = this.storage.getItem(UNREADABLE_KEY);
      list = prev ? [prev] : [];
    }
    list.push({ setAside: new Date().toISOString(), value });
    try {
      this.storage.setItem(UNREADABLE_KEY, JSON.stringify(list));
      this.setAsideOk = true;
    } catch (err) {
      // no room to set it aside: then never overwrite the stored original
      this.setAsideOk = false;
      this.frozen = true;
      this.fail(err);
    }
  }

  element(id) {
    return this.data.elements[id];
  }

  // ---- writing

  write(id, kind, state) {
    this.data.elements[id] = { kind, state, updated: new Date().toISOString() };
    return this.persist();
  }

  replaceAll(data) {
    this.data = data;
    const ok = this.persist();
    this.changed("replace");
    return ok;
  }

  // Save this tab's data. A failed write changes nothing stored; the data stays on the page.
  persist() {
    if (this.frozen) return false;
    const text = JSON.stringify(this.data);
    try {
      this.storage.setItem(STORE_KEY, text);
    } catch (err) {
      this.fail(err);
      return false;
    }
    this.base = JSON.parse(text);
    if (!this.ok && !this.volatile) {
      this.ok = true;
      this.problem = "";
      this.notify();
    }
    return !this.volatile;
  }

  remove(key) {
    try {
      this.storage.removeItem(key);
    } catch (err) {
      // reported by clearAll's check
    }
  }

  // Delete every key the course has ever written. Returns the keys still there.
  clearAll() {
    const keys = new Set(COURSE_KEYS);
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const k = this.storage.key(i);
        if (k && k.startsWith(LEGACY_KEY)) keys.add(k);
      }
    } catch (err) {
      // a storage without key(): the known keys are enough
    }
    for (const k of keys) this.remove(k);
    this.data = emptyData();
    this.base = emptyData();
    this.frozen = false;
    const left = [...keys].filter((k) => {
      try {
        return this.storage.getItem(k) !== null;
      } catch (err) {
        return false;
      }
    });
    this.changed("clear");
    return left;
  }

  fail(err) {
    const problem = this.volatile || !fullError(err) ? BLOCKED_PROBLEM : FULL_PROBLEM;
    const first = this.ok || this.problem !== problem;
    this.ok = false;
    this.problem = problem;
    if (first) this.notify();
  }

  // ---- another tab

  // Another tab wrote (or cleared) the store: merge its data into ours.
  fromOtherTab(raw) {
    if (raw === null) {
      // the other tab deleted everything
      this.data = emptyData();
      this.base = emptyData();
      this.changed("other-tab");
      return;
    }
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      return;
    }
    const theirs = sanitise(parsed).data;
    const merged = merge(this.base, this.data, theirs);
    this.data = merged;
    this.base = theirs;
    if (!same(merged, theirs)) this.persist();
    this.changed("other-tab");
  }

  // ---- one registry of listeners

  subscribe(fn) {
    // status: saved or not, and why
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  onChange(fn) {
    // the data changed under the page: another tab, a restore, a clear
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }

  notify() {
    for (const fn of this.statusListeners) fn(this);
  }

  changed(why) {
    for (const fn of [...this.changeListeners]) fn(why);
  }
}

export function backupObject(data, course) {
  const out = { format: BACKUP_FORMAT, version: 1, exported: new Date().toISOString() };
  if (course) out.course = course;
  out.data = data;
  return out;
}

export function memoryStorage() {
  const memory = new Map();
  return {
    getItem: (k) => (memory.has(k) ? memory.get(k) : null),
    setItem: (k, v) => memory.set(k, String(v)),
    removeItem: (k) => memory.delete(k),
    key: (i) => [...memory.keys()][i] ?? null,
    get length() {
      return memory.size;
    },
  };
}

let shared = null;

// The page's one store. Opened by reading: a full storage still reads.
export function getStore() {
  if (shared) return shared;
  let storage = null;
  try {
    storage = window.localStorage;
    storage.getItem(STORE_KEY);
  } catch (err) {
    storage = null;
  }
  if (storage) {
    shared = new Store(storage);
  } else {
    shared = new Store(memoryStorage(), true);
    shared.fail(new Error("no storage"));
  }
  if (typeof window !== "undefined" && storage) {
    window.addEventListener("storage", (event) => {
      if (event.storageArea !== storage) return;
      if (event.key === STORE_KEY) shared.fromOtherTab(event.newValue);
      else if (event.key === null) shared.fromOtherTab(null);
    });
  }
  return shared;
}

// ---------------------------------------------------------------- the page's one warning

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text) node.textContent = text;
  return node;
}

// Save text as a file on the learner's device (nothing leaves it).
export function download(filename, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", "coprod-store-offscreen", filename);
  a.href = url;
  a.download = filename;
  a.tabIndex = -1;
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
    a.remove();
  }, 2000);
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

let warningBox = null;

// One warning for the whole page, shown when a save fails and hidden when
// saving works again; `before` is where it goes (the first element mounted).
export function pageWarning(store, before, course) {
  if (warningBox) return warningBox;
  const box = el("div", "coprod-store-warning");
  box.setAttribute("role", "alert");
  box.hidden = true;
  let shown = null;
  const update = () => {
    const now = store.ok ? "" : store.problem;
    if (now === shown) return;
    shown = now;
    box.hidden = store.ok;
    if (store.ok) {
      box.replaceChildren();
      return;
    }
    const button = el("button", "coprod-store-btn", "Download a backup of your work");
    button.type = "button";
    button.addEventListener("click", () =>
      download(`coprod-record-${today()}.json`, JSON.stringify(backupObject(store.data, course), null, 2)),
    );
    box.replaceChildren(el("p", "", `${store.problem} ${WHAT_TO_DO}`), button);
  };
  update();
  store.subscribe(update);
  if (before && before.parentNode) before.parentNode.insertBefore(box, before);
  else document.body.prepend(box);
  warningBox = box;
  return box;
}

// ---------------------------------------------------------------- a text box bound to a reflection

// Binds a <textarea> to a reflection's text. Saves as the learner types.
// When another tab changes the same reflection while this box is being
// written in, both versions are kept (the other in state.conflict) and a
// panel lets the learner choose. Returns {refresh, save}.
export function bindText(store, id, area, { onSave, panelHost, live } = {}) {
  let other = null; // the other version shown beside this box
  const panel = el("div", "coprod-conflict");
  panel.hidden = true;
  panel.setAttribute("role", "group");
  const heading = el(
    "p",
    "coprod-conflict-title",
    "This reflection was also changed in another tab or window. Both versions are kept until you choose.",
  );
  const theirs = el("blockquote", "coprod-conflict-text");
  panel.id = `${area.id}-conflict`;
  heading.id = `${area.id}-conflict-h`;
  panel.setAttribute("aria-labelledby", heading.id);
  const btn = (label, fn) => {
    const b = el("button", "coprod-store-btn", label);
    b.type = "button";
    b.addEventListener("click", fn);
    return b;
  };
  const bar = el("div", "coprod-conflict-bar");
  bar.append(
    btn("Keep the text in the box", () => resolve(area.value, "Kept the text in the box.")),
    btn("Use the other version", () => resolve(other, "Using the other version.")),
    btn("Keep both", () => resolve(`${area.value.trim()}\n\n${other.trim()}`, "Both versions are now in the box.")),
  );
  panel.append(heading, el("p", "", "The other version:"), theirs, bar);
  if (panelHost) panelHost.after(panel);
  else area.after(panel);

  function state() {
    const e = store.element(id);
    return (e && e.state) || {};
  }

  function show() {
    panel.hidden = other === null;
    theirs.textContent = other === null ? "" : other;
    if (panel.hidden) panel.remove();
    else if (!panel.isConnected) (panelHost || area).after(panel);
  }

  let lastWritten = area.value;

  function save(resolved = false) {
    const next = { ...state(), text: area.value, updated: new Date().toISOString() };
    if (other !== null) next.conflict = { text: other };
    else delete next.conflict;
    // a choice made in one tab is taken up by the others
    if (resolved) next.resolved = true;
    else delete next.resolved;
    lastWritten = area.value;
    store.write(id, "reflection", next);
    if (onSave) onSave(next);
  }

  function resolve(text, message) {
    other = null;
    area.value = text;
    save(true);
    show();
    area.focus();
    if (live) live.textContent = message;
  }

  area.addEventListener("input", () => save());

  function refresh() {
    const st = state();
    const stored = st.text || "";
    const conflict = st.conflict && typeof st.conflict.text === "string" ? st.conflict.text : null;
    const busy = document.activeElement === area || other !== null;
    if (st.resolved && area.value === lastWritten) {
      // the learner chose in another tab, and this box has not changed since
      area.value = stored;
      other = null;
    } else if (stored === area.value) {
      other = conflict !== null && conflict !== area.value ? conflict : null;
    } else if (!busy) {
      area.value = stored;
      other = conflict !== null && conflict !== stored ? conflict : null;
    } else if (conflict === area.value) {
      // the other tab already keeps this box's text beside its own
      other = stored;
    } else {
      other = stored;
      if (other !== "") save();
    }
    if (other === "") other = null; // an empty version loses nothing
    show();
  }

  refresh();
  return { refresh, save };
}
