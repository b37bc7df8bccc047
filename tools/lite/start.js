// The start page of the exercises' JupyterLite site: it says what the first
// start costs, downloads the Python runtime and the exercise's packages into the
// browser's cache with a progress bar, then opens the notebook. Only files of
// this site are fetched (their list is start-files.json, written by tools/lite.py).
// Opened without an exercise, it lists the exercises (exercises.json) instead.
const params = new URLSearchParams(window.location.search);
const asked = params.get("path") || "";
// only the course's own notebooks: a crafted link cannot open anything else
const path = /^exercises\/[A-Za-z0-9-]+\.ipynb$/.test(asked) ? asked : "";
const target = path ? `notebooks/index.html?path=${encodeURIComponent(path)}` : "notebooks/index.html";
const open = document.getElementById("open");
open.href = target;
const bar = document.getElementById("progress");
const status = document.getElementById("status");

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(0);
}

async function fetchCounting(url, onBytes) {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: ${response.status}`);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onBytes(value.length);
  }
}

// The page states what a whole first start downloads (measured with tools/lite_download.py);
// the progress bar counts the part fetched here: Python and the exercise's packages.
async function start() {
  const files = await (await fetch("start-files.json")).json();
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  let got = 0;
  let announced = -1;
  const onBytes = (n) => {
    got += n;
    const percent = Math.min(100, Math.round((100 * got) / total));
    bar.value = percent;
    bar.textContent = `${percent}%`;
    // a screen reader hears every tenth, not every chunk
    if (Math.floor(percent / 10) !== announced) {
      announced = Math.floor(percent / 10);
      status.textContent = `Downloaded ${megabytes(got)} of ${megabytes(total)} MB of Python and its packages.`;
    }
  };
  const queue = [...files];
  const worker = async () => {
    while (queue.length) await fetchCounting(queue.shift().url, onBytes);
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  status.textContent = "Downloaded. Opening the notebook; Python starts there.";
  window.location.assign(target);
}

// Opened without an exercise (the site's own address): list the exercises instead
// of downloading Python for an empty notebook view.
async function choose() {
  document.title = "The course's exercises in your browser";
  document.getElementById("title").textContent = "The course's exercises in your browser";
  document.getElementById("download").hidden = true;
  document.getElementById("choose").hidden = false;
  const list = document.getElementById("exercises");
  const exercises = await (await fetch("exercises.json")).json();
  for (const exercise of exercises) {
    const link = document.createElement("a");
    link.href = `start.html?path=${encodeURIComponent(exercise.path)}`;
    link.textContent = exercise.title; // text, never markup
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
  }
}

if (path) {
  start().catch((error) => {
    status.textContent = `The download did not finish (${error.message}). Use "Open the notebook now" to try anyway.`;
  });
} else {
  choose().catch((error) => {
    document.getElementById("exercises").textContent = `The list of exercises did not load (${error.message}).`;
  });
}
