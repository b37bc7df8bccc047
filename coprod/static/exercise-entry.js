// An exercise's entry in the course's record: when a notebook exercise runs on the course's own site
// ("Run in your browser"), the browser that shows it is the one that keeps the learner's record, so the
// exercise's summary (the same Markdown document it offers as a download) is written to the course's
// store under the exercise's name. The record pages list it and the journal prints it. In JupyterLab on
// another address the entry goes to that address's storage, where no record page reads it; nothing is
// ever sent anywhere. An empty summary (after "Start again") removes the entry.
import { getStore } from "./store.js";

const EXERCISE_ID = /^ex[1-9](-[a-z0-9]+)*$/;

export function putEntry(store, id, entry) {
  if (!EXERCISE_ID.test(id)) return false;
  const text = entry && typeof entry.text === "string" ? entry.text : "";
  if (text.trim()) {
    const title = typeof entry.title === "string" ? entry.title.slice(0, 200) : "";
    return store.write(id, "exercise", { title, text: text.slice(0, 100000) });
  }
  if (!store.element(id)) return true;
  delete store.data.elements[id];
  return store.persist();
}

export default {
  render({ model }) {
    // only what the learner does from now on: opening a notebook writes nothing
    model.on("change:entry", () => putEntry(getStore(), model.get("exercise"), model.get("entry")));
  },
};
