// Syntax highlighting off the critical path. A finished code block first shows as plain escaped
// text; highlight.js core and the block's language load by import() (separate chunks), then the
// work runs in idle slices of a few milliseconds, so a big block never holds up a frame. The block
// still streaming is never highlighted (it would be redone on every delta).
//
// highlight.js was chosen for its per-language modules (nothing loads for a language no answer
// uses), its tolerant lexers (partial, odd model code still colours) and because its output is
// only <span class>, which sanitize.ts re-checks before it touches the DOM.
import type { HLJSApi } from "highlight.js";
import { loaders } from "./languages";
import { sanitizeHighlight } from "./sanitize";

/** Lines per slice: ~1-3 ms of highlight.js work. A token spanning two slices (a long block comment) may colour wrongly. */
const sliceLines = 150;
/** Larger blocks stay plain: colouring them is not worth seconds of CPU. */
const maxChars = 300_000;
/** Remembered results, so a re-mounted block re-colours at once. */
const cacheLimit = 200;

/**
 * `slots`: one block-level span per piece (.md-hl-piece), filled with its coloured spans as each
 * slice finishes. Block-level, so a swap re-lays out that piece only, not the whole block (one
 * swap into a 3,000-line inline <code> cost ~50 ms of layout).
 */
type Job = { code: HTMLElement; lang: string; pieces: string[]; slots: HTMLElement[]; key: string };

let core: Promise<HLJSApi> | undefined;
const languages = new Map<string, Promise<HLJSApi>>();
const cache = new Map<string, DocumentFragment>();
const queue: Job[] = [];
let scheduled = false;

function load(lang: string): Promise<HLJSApi> {
  let p = languages.get(lang);
  if (!p) {
    core ??= import("highlight.js/lib/core").then(m => m.default);
    p = Promise.all([core, loaders[lang]()]).then(([hljs, def]) => {
      hljs.registerLanguage(lang, def.default);
      return hljs;
    });
    languages.set(lang, p);
  }
  return p;
}

/** Queues every not yet coloured `<code data-lang>` under `root` (code blocks of finished markdown blocks). */
export function highlightIn(root: HTMLElement): void {
  for (const code of root.querySelectorAll<HTMLElement>("pre > code[data-lang]")) {
    if (code.dataset.hl) continue;
    const lang = code.dataset.lang!;
    const text = code.textContent ?? "";
    const key = `${lang}\u0000${text}`;
    const hit = cache.get(key);
    if (hit) {
      code.replaceChildren(hit.cloneNode(true));
      code.classList.add("hljs");
      code.dataset.hl = "done";
      continue;
    }
    if (text.length > maxChars) continue;
    code.dataset.hl = "queued";
    const lines = text.split("\n");
    const pieces: string[] = [];
    for (let i = 0; i < lines.length; i += sliceLines) pieces.push(lines.slice(i, i + sliceLines).join("\n") + (i + sliceLines < lines.length ? "\n" : ""));
    const slots = pieces.map(p => {
      const slot = document.createElement("span");
      slot.className = "md-hl-piece";
      slot.textContent = p;
      return slot;
    });
    code.replaceChildren(...slots);
    void load(lang).then(hljs => {
      queue.push({ code, lang, pieces, slots, key });
      schedule(hljs);
    }, err => console.warn(`highlight.js language ${lang} failed to load`, err));
  }
}

function schedule(hljs: HLJSApi): void {
  if (scheduled) return;
  scheduled = true;
  const run = (budgetMs: number) => {
    scheduled = false;
    const end = performance.now() + budgetMs;
    do step(hljs); while (queue.length && performance.now() < end);
    if (queue.length) schedule(hljs);
  };
  if (typeof requestIdleCallback === "function") requestIdleCallback(d => run(Math.min(d.timeRemaining(), 8)), { timeout: 200 });
  else setTimeout(() => run(6), 0);
}

/** One slice: highlights the next piece of the oldest job and swaps it in; caches the block when all are done. */
function step(hljs: HLJSApi): void {
  const job = queue[0];
  if (!job) return;
  if (!job.code.isConnected) {
    queue.shift();
    return;
  }
  const slot = job.slots.find(s => !s.dataset.hl)!;
  slot.replaceChildren(sanitizeHighlight(hljs.highlight(job.pieces[job.slots.indexOf(slot)], { language: job.lang, ignoreIllegals: true }).value));
  slot.dataset.hl = "done";
  if (job.slots.some(s => !s.dataset.hl)) return;
  queue.shift();
  const all = document.createDocumentFragment();
  all.append(...job.slots.map(s => s.cloneNode(true)));
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(job.key, all);
  job.code.classList.add("hljs");
  job.code.dataset.hl = "done";
}
