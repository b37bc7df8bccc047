// The start page of the exercises' JupyterLite site: it says what the first
// start costs, downloads the Python runtime and the exercise's packages into the
// browser's cache with a progress bar, then opens the notebook. Only files of
// this site are fetched (their list is start-files.json, written by tools/lite.py).
const params = new URLSearchParams(window.location.search);
const asked = params.get("path") || "";
// only the course's own notebooks: a crafted link cannot open anything else
const path = /^exercises\/[A-Za-z0-9-]+\.ipynb$/.test(asked) ? asked : "";
const target = path
  ? `notebooks/index.html?path=${encodeURIComponent(path)}`
  : "notebooks/index.html";
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

async function start() {
  const files = await (await fetch("start-files.json")).json();
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  document.getElementById("size").textContent = megabytes(total);
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
      status.textContent = `Downloaded ${megabytes(got)} of ${megabytes(total)} MB.`;
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

start().catch((error) => {
  status.textContent = `The download did not finish (${error.message}). Use "Open the notebook now" to try anyway.`;
});
