// Opening a long session, for `npm run bench` (never timed assertions in tests). The host messages
// are built by the host's own code (src/shared/paging.ts: the newest page in `state`, then `history`
// chunks as the webview asks) and delivered the way VS Code delivers them: window.postMessage, so
// the structured clone of everything sent is inside the timing. The clock starts when the host posts
// its first message. Handing the messages to the page through playwright happens before that: it
// is slow for a long session, and the frame after it came ~200 ms late with the main thread idle
// (the old measurement counted that, and not the clone).
import type { CDPSession } from "playwright-core";
import type { HostMessage, PanelInfo, SessionView } from "../../src/shared/messages";
import { Pager } from "../../src/shared/paging";
import { WebviewBench } from "./bench";
import { bigView } from "./sessions";

const panel: PanelInfo = { folders: [{ name: "bench", path: "/bench" }], folder: "/bench", server: { kind: "running", detail: "running, opencode 1.18.33" }, connection: "connected", queue: [] };

export type OpenRun = {
  /** Host posts `state` → the first frame with the rows on screen was painted. */
  firstPaintMs: number;
  /** Host posts `state` → every message is in the webview and painted (history round trips included, host latency not). */
  completeMs: number;
  /** The longest main-thread task of the whole open (0: none over 50 ms, the long-task threshold). */
  longestTaskMs: number;
  /** The same measurement for a `panel` message, which changes nothing visible. */
  floorMs: number;
  heapMB: number;
  rows: number;
  /** Host messages posted: 1 + history chunks. */
  messages: number;
};

/** The host's messages for opening `view`: paged by the host's Pager, or (`whole`) one `state` with everything, as before paging. */
export function hostMessages(view: SessionView, whole: boolean): { first: HostMessage; chunks: HostMessage[] } {
  if (whole) return { first: { type: "state", panel, view }, chunks: [] };
  const pager = new Pager();
  const first = pager.view(view.sessionID, view.session);
  const chunks: HostMessage[] = [];
  let before = first.older ? first.session.messages[0].info.id : undefined;
  while (before) {
    pager.ask(before);
    const h = pager.history(view.sessionID, view.session)!;
    chunks.push(h);
    before = h.older ? h.messages[0].info.id : undefined;
  }
  return { first: { type: "state", panel, view: first }, chunks };
}

/**
 * One open in a fresh page. `root`: serve another build's dist/ and media/ (a checkout before
 * paging takes `whole`, which posts the session in one `state`). `view`: a session to open instead
 * of the generated one (a real server's messages).
 */
export async function openOnce(o: { root?: string; whole?: boolean; messages?: number; partsPer?: number; view?: SessionView } = {}): Promise<OpenRun> {
  const bench = await WebviewBench.open({ root: o.root });
  try {
    await bench.post({ type: "state", panel });
    const { first, chunks } = hostMessages(o.view ?? bigView(o.messages ?? 2_000, o.partsPer ?? 10), o.whole ?? false);
    await bench.page.evaluate(json => { (window as unknown as { host: unknown }).host = JSON.parse(json); }, JSON.stringify({ first, chunks, panel: { type: "panel", panel } }));
    const cdp = await bench.page.context().newCDPSession(bench.page);
    await settleHeap(bench, cdp);
    const r = await bench.page.evaluate(timedOpen);
    if (r.error) throw new Error(r.error);
    // The stub host's copy of the messages is not the webview's: dropped before the heap is read.
    await bench.page.evaluate(() => { delete (window as unknown as { host?: unknown }).host; });
    await settleHeap(bench, cdp);
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    const rows = await bench.page.evaluate(() => document.querySelectorAll("#root *").length);
    return { firstPaintMs: r.firstPaintMs, completeMs: r.completeMs, longestTaskMs: r.longestTaskMs, floorMs: r.floorMs, heapMB: usedSize / 2 ** 20, rows, messages: 1 + chunks.length };
  } finally {
    await bench.close();
  }
}

async function settleHeap(bench: WebviewBench, cdp: CDPSession): Promise<void> {
  await bench.settle();
  await cdp.send("HeapProfiler.collectGarbage");
  await bench.page.waitForTimeout(200);
}

type Timed = { firstPaintMs: number; completeMs: number; longestTaskMs: number; floorMs: number; error?: string };

/**
 * Runs in the page. "Painted" = a task queued from the next animation frame has run, i.e. that
 * frame's style, layout and paint are done. The host stub answers each `history` request with its
 * next chunk a task later (a real host adds its IPC and a frame of batching on top).
 */
function timedOpen(): Promise<Timed> {
  type Msg = { type: string; before?: string };
  const w = window as unknown as { host: { first: Msg; chunks: Msg[]; panel: Msg }; __posted: Msg[] };
  const afterPaint = (f: () => void) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = f; c.port2.postMessage(0); });
  const timeToPaint = (m: Msg) => new Promise<number>(resolve => {
    const t0 = performance.now();
    addEventListener("message", () => afterPaint(() => resolve(performance.now() - t0)), { once: true });
    window.postMessage(m, "*");
  });
  return new Promise<Timed>(resolve => {
    void timeToPaint(w.host.panel).then(floorMs => {
      const out: Timed = { firstPaintMs: 0, completeMs: 0, longestTaskMs: 0, floorMs };
      const tasks = new PerformanceObserver(l => { for (const e of l.getEntries()) out.longestTaskMs = Math.max(out.longestTaskMs, e.duration); });
      tasks.observe({ type: "longtask" });
      const chunks = [...w.host.chunks];
      const finish = () => setTimeout(() => { tasks.disconnect(); resolve(out); }, 100); // the last long task is reported a little later
      const push = w.__posted.push;
      w.__posted.push = function (m: Msg) {
        const n = push.call(this, m);
        if (m.type !== "history") return n;
        const next = chunks.shift();
        if (next?.before !== m.before) { out.error = `the webview asked for history before ${m.before}, the host had ${next?.before}`; finish(); return n; }
        setTimeout(() => {
          if (!chunks.length) addEventListener("message", () => afterPaint(() => { out.completeMs = performance.now() - t0; finish(); }), { once: true });
          window.postMessage(next, "*");
        }, 0);
        return n;
      };
      const t0 = performance.now();
      addEventListener("message", () => afterPaint(() => {
        out.firstPaintMs = performance.now() - t0;
        if (!chunks.length) { out.completeMs = out.firstPaintMs; finish(); }
      }), { once: true });
      window.postMessage(w.host.first, "*");
    });
  });
}
