// coprod record, small pieces every view uses: the screen-reader announcer and
// heading levels relative to the page's own.

import { announcer as liveRegion } from "../dom.js";

export function announcer() {
  return liveRegion("coprod-rec-sr-only");
}

export function say(live, text) {
  live.textContent = "";
  // a fresh text node after clearing, so the same message is announced again
  setTimeout(() => {
    live.textContent = text;
  }, 30);
}

// The heading tag n levels below the record's own level.
export function hx(level, n) {
  return `h${Math.min(6, level + n)}`;
}
