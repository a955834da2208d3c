// A long session opened page first (src/shared/paging.ts): the webview asks for older messages
// after it painted, and prepending them keeps what the user looks at where it is, whether the
// list follows the end or the user scrolled up. A stub host in the page answers each request at
// once, as a fast host would: the prepend then lands while the list is still settling at the end.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { bigView, panelFor } from "./sessions";
import { Pager } from "../../src/shared/paging";
import type { HistoryMessage, HostMessage, SessionView } from "../../src/shared/messages";

/** After each chunk was prepended and painted: where the watched row sat, and whether the list still follows the end. */
type ChunkLog = { asked: string; watchedTop?: number; following: boolean };

/** The host's messages for opening `view`, as ChatController would send them. */
function paged(view: SessionView): { first: HostMessage; chunks: HistoryMessage[] } {
  const pager = new Pager();
  const first = pager.view(view.sessionID, view.session);
  const chunks: HistoryMessage[] = [];
  for (let before = first.session.messages[0].info.id; before;) {
    pager.ask(before);
    const h = pager.history(view.sessionID, view.session)!;
    chunks.push(h);
    before = h.older ? h.messages[0].info.id : "";
  }
  return { first: { type: "state", panel: panelFor(), view: first }, chunks };
}

/**
 * Installs the stub host: it answers each `history` request with the next chunk a task later
 * and logs the list after each was painted (`watch`, a row's text, measured from the list's top).
 * Rows added from the first answer on are collected too (they show a few frames later, if at all).
 */
function serve(bench: WebviewBench, chunks: HistoryMessage[], watch?: string): Promise<void> {
  return bench.page.evaluate(([json, w]) => {
    type Msg = { type: string; before?: string };
    const win = window as unknown as { __posted: Msg[]; log: ChunkLog[]; added: string[] };
    const queue = JSON.parse(json) as Msg[];
    win.log = [];
    win.added = [];
    const rows = new MutationObserver(ms => { for (const m of ms) for (const n of m.addedNodes) if ((n as Element).classList?.contains("row")) win.added.push((n as HTMLElement).innerText.slice(0, 30)); });
    const top = () => {
      const list = document.querySelector(".list")!.getBoundingClientRect();
      const row = [...document.querySelectorAll(".row")].find(r => w && (r as HTMLElement).innerText.includes(w));
      return row ? row.getBoundingClientRect().top - list.top : undefined;
    };
    const push = win.__posted.push;
    win.__posted.push = function (m: Msg) {
      const n = push.call(this, m);
      if (m.type !== "history") return n;
      const next = queue.shift();
      setTimeout(() => {
        rows.observe(document.getElementById("root")!, { childList: true, subtree: true });
        addEventListener("message", () => requestAnimationFrame(() => setTimeout(() => {
          win.log.push({ asked: m.before!, watchedTop: top(), following: !document.querySelector(".jump") });
        }, 0)), { once: true });
        window.postMessage(next, "*");
      }, 0);
      return n;
    };
  }, [JSON.stringify(chunks), watch ?? ""] as const);
}

/** The log once every chunk was answered and the list had a few frames to settle. */
async function logAfter(bench: WebviewBench, chunks: number): Promise<{ log: ChunkLog[]; added: string[] }> {
  await bench.page.waitForFunction(n => (window as unknown as { log: unknown[] }).log.length >= n, chunks);
  for (let i = 0; i < 5; i++) await bench.settle();
  return bench.page.evaluate(() => { const w = window as unknown as { log: ChunkLog[]; added: string[] }; return { log: w.log, added: w.added }; });
}

describe("webview bench: a long session arrives page first", () => {
  let bench: WebviewBench;
  afterEach(async () => {
    if (bench) assert.deepEqual(bench.errors, [], "console errors or page errors");
    await bench?.close();
  });

  it("stays at the end while older messages are prepended, rendering no other rows, then scrolls back to the first", async () => {
    bench = await WebviewBench.open();
    const { first, chunks } = paged(bigView(2000, 10));
    assert.ok(chunks.length > 2, "the host pages it");
    await serve(bench, chunks);
    // The panel showed no session before (a new window, or switching sessions keeps the list mounted).
    await bench.post({ type: "state", panel: panelFor() });
    await bench.page.evaluate(m => window.postMessage(m, "*"), first);
    const { log, added } = await logAfter(bench, chunks.length);
    assert.deepEqual(log.map(l => l.asked), chunks.map(c => c.before), "asked for each chunk in turn");
    for (const [i, l] of log.entries()) assert.ok(l.following, `chunk ${i}: no longer following the end`);
    assert.deepEqual(added, [], "rows rendered elsewhere than at the end (a frame at a stale offset)");
    assert.ok((await bench.text()).includes("Answer 2000"), "the end is in view");
    await bench.page.locator(".list").evaluate(el => { el.scrollTop = 0; });
    await bench.page.waitForFunction(() => document.getElementById("root")!.innerText.includes("Question 1:"));
    assert.equal((await bench.posted()).filter(m => m.type === "history").length, chunks.length, "no request once all are in");
  });

  it("keeps the row the user scrolled to in place, and drops what actions left of older messages", async () => {
    bench = await WebviewBench.open();
    const view = bigView(300, 10);
    const { first, chunks } = paged(view);
    // Answered only once the user scrolled up (not following the end any more).
    await bench.page.evaluate(() => { (window as unknown as { __posted: unknown[] }).__posted.push = function (m) { return Array.prototype.push.call(this, m); }; });
    await bench.post(first);
    await bench.page.waitForFunction(() => document.getElementById("root")!.innerText.includes("Answer 300"));
    await bench.page.locator(".list").evaluate(el => { el.scrollTop -= 400; });
    await bench.page.waitForSelector(".jump");
    await bench.settle();
    const watch = await bench.page.evaluate(() => {
      const list = document.querySelector(".list")!.getBoundingClientRect();
      const rows = [...document.querySelectorAll(".row")].filter(r => r.getBoundingClientRect().top >= list.top);
      return rows.map(r => /(?:Question|Answer) \d+/.exec((r as HTMLElement).innerText)?.[0]).find(Boolean)!;
    });
    const top = await bench.page.evaluate(w => {
      const row = [...document.querySelectorAll(".row")].find(r => (r as HTMLElement).innerText.includes(w))!;
      return row.getBoundingClientRect().top - document.querySelector(".list")!.getBoundingClientRect().top;
    }, watch);
    // An action about a message older than the page (a host would not forward it, see Pager): the
    // reducer adds it as an empty message at the top; the history replaces it.
    const old = view.session.messages[1];
    await bench.post({ type: "actions", sessionID: view.sessionID, actions: [{ kind: "event", event: { type: "message.updated", properties: { info: old.info } } }] });
    await serve(bench, chunks, watch);
    // The request the webview made after painting the state went unanswered; ask as it would.
    await bench.page.evaluate(m => (window as unknown as { __posted: unknown[] }).__posted.push(m), { type: "history", sessionID: view.sessionID, before: chunks[0].before });
    for (const [i, l] of (await logAfter(bench, chunks.length)).log.entries()) {
      assert.ok(l.watchedTop !== undefined && Math.abs(l.watchedTop - top) <= 1, `chunk ${i}: ${watch} moved from ${top} to ${l.watchedTop}`);
      assert.ok(!l.following, `chunk ${i}: jumped to the end`);
    }
    await bench.page.locator(".list").evaluate(el => { el.scrollTop = 0; });
    await bench.page.waitForFunction(() => document.getElementById("root")!.innerText.includes("Answer 2, paragraph 1"));
  });

  it("asks nothing for a session that fits in one state", async () => {
    bench = await WebviewBench.open();
    const view = bigView(10, 4);
    await bench.post({ type: "state", panel: panelFor(), view: new Pager().view(view.sessionID, view.session) });
    await bench.settle();
    await bench.settle();
    assert.equal((await bench.posted()).filter(m => m.type === "history").length, 0);
  });
});
