// "Reload to conversation", for `npm run bench` (never timed assertions in tests): a fresh webview
// after a window reload, from its first paint to the first painted frame with conversation rows.
// Restored: the page gets the state a webview saved while showing the session (saved by the
// webview itself, in a page before) and shows it before any host message. Host path (how every
// reload went before): nothing saved but the selection, and the host posts its `state` the moment
// the webview says `ready`; a real host first waits for its server to restart and the session to
// load (16-26 s on a loaded machine), so this is the webview's own share of that path, its floor.
import type { HostMessage, PanelInfo, SavedState } from "../../src/shared/messages";
import { Pager } from "../../src/shared/paging";
import { WebviewBench } from "./bench";
import { bigView } from "./sessions";

const panel: PanelInfo = { folders: [{ name: "bench", path: "/bench" }], folder: "/bench", server: { kind: "running", detail: "running, opencode 1.18.33" }, connection: "connected", queue: [] };

export type ReloadRun = {
  /** First paint of the page → the first painted frame with conversation rows. */
  afterFirstPaintMs: number;
  /** Navigation start → the first paint, and → the rows painted. */
  firstPaintMs: number;
  rowsMs: number;
};

/** The host's `state` for opening the session (its newest page), and what a webview showing it saved. */
export async function reloadInputs(messages = 2_000, partsPer = 10): Promise<{ state: HostMessage; saved: SavedState }> {
  const view = bigView(messages, partsPer);
  const state: HostMessage = { type: "state", panel, view: new Pager().view(view.sessionID, view.session) };
  const b = await WebviewBench.open();
  try {
    await b.post(state);
    const saved = (await b.saved()).state as SavedState;
    if (!saved?.screen) throw new Error("the webview saved no screen");
    return { state, saved };
  } finally {
    await b.close();
  }
}

/**
 * Runs before the webview's module: a frame loop that notes the first frame whose rows are on
 * screen (then stops), and for the host path a stub host that answers `ready` with `state` at once.
 */
const probe = (state: HostMessage | undefined) => `(() => {
  const w = window;
  w.__rowsPainted = undefined;
  const afterPaint = f => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = f; c.port2.postMessage(0); });
  const look = () => document.querySelector(".row .msg") ? afterPaint(() => { w.__rowsPainted = performance.now(); }) : requestAnimationFrame(look);
  requestAnimationFrame(look);
  const state = ${JSON.stringify(state ?? null)};
  if (state) {
    const push = w.__posted.push;
    w.__posted.push = function (m) { const n = push.call(this, m); if (m.type === "ready") window.postMessage(state, "*"); return n; };
  }
})();`;

/** One reload in a fresh page: `saved` (restored) or the host's `state` (host path). `root`: another build's dist/ and media/. */
export async function reloadOnce(o: { saved?: SavedState; state?: HostMessage; root?: string }): Promise<ReloadRun> {
  const selection = o.saved ? { folder: o.saved.folder, sessionID: o.saved.sessionID } : undefined;
  const bench = await WebviewBench.open({ root: o.root, savedState: o.state ? selection : o.saved, init: probe(o.state) });
  try {
    await bench.page.waitForFunction(() => (window as unknown as { __rowsPainted?: number }).__rowsPainted !== undefined, undefined, { timeout: 60_000 });
    const r = await bench.page.evaluate(() => ({
      rows: (window as unknown as { __rowsPainted: number }).__rowsPainted,
      paint: performance.getEntriesByName("first-paint")[0]?.startTime ?? performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
    }));
    if (r.paint === undefined) throw new Error("chromium reported no first paint");
    return { afterFirstPaintMs: Math.max(0, r.rows - r.paint), firstPaintMs: r.paint, rowsMs: r.rows };
  } finally {
    await bench.close();
  }
}
