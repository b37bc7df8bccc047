// coprod record, storage glue: the record pages' use of the course's one store
// (../store.js, shared with the course's elements; nothing of it is copied
// here), and the registry of the views mounted on this page, so a change made
// in one view redraws the others.

import { bindText, getStore, pageWarning, backupObject as storeBackup } from "../store.js";

export { bindText, getStore, pageWarning };

const mounted = []; // {root, refresh}

export function register(entry) {
  mounted.push(entry);
}

export function anyMounted() {
  return mounted.length > 0;
}

// Redraw every view on the page except the one that made the change.
export function refreshAll(except) {
  for (const v of mounted) if (v !== except && v.refresh) v.refresh();
}

// Save the learner's data and show the change in the other views.
export function safePersist(store) {
  store.persist();
  refreshAll();
}

// The backup file's object: the store's data with the course's name.
export function backupObject(manifest, data) {
  return storeBackup(data, manifest.course.title);
}
