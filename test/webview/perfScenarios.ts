// Webview performance scenarios for `npm run bench` (never timed assertions in tests): the real
// bundle in headless chromium, driven only through the host<->webview contract, so they measure
// whatever UI is built on it. Work per update = dispatching one host message batch, letting the
// view library render (a macrotask later) and forcing style and layout; paint is not included.
// Opening a long session is in openScenario.ts.
import type { HostMessage, PanelInfo } from "../../src/shared/messages";
import type { Action } from "../../src/protocol/reducer";
import { WebviewBench } from "./bench";
import { bigView } from "./sessions";

const panel: PanelInfo = { folders: [{ name: "bench", path: "/bench" }], folder: "/bench", server: { kind: "running", detail: "running, opencode 1.18.33" }, connection: "connected", queue: [] };

async function measure(bench: WebviewBench, m: HostMessage): Promise<number> {
  return bench.page.evaluate(msg => new Promise<number>(resolve => {
    const t0 = performance.now();
    window.dispatchEvent(new MessageEvent("message", { data: msg }));
    // A macrotask without timer clamping: the view library's scheduled render runs before it.
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { document.body.getBoundingClientRect(); void document.body.offsetHeight; resolve(performance.now() - t0); };
    ch.port2.postMessage(0);
  }), m);
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/**
 * 10,000 deltas into one text part, 10 per batch (a busy stream at 60 batches a second). `root`:
 * another build's dist/ and media/. `saves`: the webview's setState calls meanwhile (it saves what
 * it shows for the next reload, at most once a second while a reply streams).
 */
export async function streamingScenario(deltas = 10_000, perBatch = 10, root?: string): Promise<{ p95: number; firstP95: number; lastP95: number; batches: number; saves: number; seconds: number }> {
  const bench = await WebviewBench.open({ root });
  try {
    const view = bigView(2, 2);
    const sessionID = view.sessionID;
    view.session.status = { type: "busy" };
    const msg = view.session.messages[1];
    msg.info.time = { created: msg.info.time.created }; // still streaming: no completion time
    msg.parts = [{ id: "prt_stream", sessionID, messageID: msg.info.id, type: "text", text: "" }];
    await bench.post({ type: "state", panel, view });
    const works: number[] = [];
    const start = Date.now();
    const savesBefore = (await bench.saved()).saves;
    for (let i = 0; i < deltas; i += perBatch) {
      const actions: Action[] = [];
      for (let j = 0; j < perBatch; j++) {
        const n = i + j;
        actions.push({ kind: "event", event: { type: "message.part.delta", properties: { sessionID, messageID: msg.info.id, partID: "prt_stream", field: "text", delta: n % 40 === 39 ? "\n\n" : `word${n} ` } } });
      }
      works.push(await measure(bench, { type: "actions", sessionID, actions }));
    }
    const tenth = Math.floor(works.length / 10);
    const saves = (await bench.saved()).saves - savesBefore;
    return { p95: percentile(works, 0.95), firstP95: percentile(works.slice(0, tenth), 0.95), lastP95: percentile(works.slice(-tenth), 0.95), batches: works.length, saves, seconds: (Date.now() - start) / 1000 };
  } finally {
    await bench.close();
  }
}

/** After a streamed turn ends: timers, intervals and animation frames requested in 2 idle seconds. */
export async function idleScenario(): Promise<number> {
  const bench = await WebviewBench.open();
  try {
    await bench.post({ type: "state", panel, view: bigView(40, 5) });
    await bench.page.waitForTimeout(1_000);
    return await bench.page.evaluate(() => new Promise<number>(resolve => {
      const wait = window.setTimeout.bind(window);
      let calls = 0;
      const w = window as unknown as Record<string, (...a: unknown[]) => unknown>;
      for (const name of ["setTimeout", "setInterval", "requestAnimationFrame", "requestIdleCallback"]) {
        const orig = w[name];
        if (typeof orig === "function") w[name] = (...a: unknown[]) => { calls++; return orig.apply(window, a); };
      }
      wait(() => resolve(calls), 2_000);
    }));
  } finally {
    await bench.close();
  }
}
