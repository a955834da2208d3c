// After a reload the chat shows the conversation it saved at once, marked as restoring, until the
// host has the session loaded (its server restarts first); what it saves stays bounded and is
// written at most once a second while a reply streams.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { bigView, demoView, panelFor } from "./sessions";
import type { HostMessage, SavedState, SessionView } from "../../src/shared/messages";
import type { Action } from "../../src/protocol/reducer";
import type { MessageState } from "../../src/protocol/state";

/** What a webview that showed `view` saved, as the next load gets it (through the webview's own save). */
async function savedAfter(view: SessionView): Promise<SavedState> {
  const b = await WebviewBench.open();
  try {
    await b.post({ type: "state", panel: panelFor(), view });
    return (await b.saved()).state as SavedState;
  } finally {
    await b.close();
  }
}

/** Dispatches host messages in one task (no timer can run in between) and returns the saves counted right after. */
const dispatchAndCount = (bench: WebviewBench, ms: HostMessage[]) => bench.page.evaluate(list => {
  for (const m of list) window.dispatchEvent(new MessageEvent("message", { data: m }));
  return (window as unknown as { __saves: number }).__saves;
}, ms);
const restoringShown = (bench: WebviewBench) => bench.page.evaluate(() => ({
  note: document.querySelector(".restoring-note")?.textContent ?? null,
  busy: document.querySelector(".list")?.getAttribute("aria-busy") ?? null,
}));

describe("webview bench: a reload shows the saved conversation at once", () => {
  let bench: WebviewBench | undefined;
  afterEach(async () => {
    if (bench) assert.deepEqual(bench.errors, [], "console errors or page errors");
    await bench?.close();
    bench = undefined;
  });

  it("shows the saved rows marked as restoring before any host message, keeps them while the host loads, then shows the host's copy", async () => {
    const view = demoView();
    const saved = await savedAfter(view);
    bench = await WebviewBench.open({ savedState: saved });
    // No host message yet: only what was saved can be on screen.
    await bench.page.locator(".row .msg").first().waitFor({ state: "visible", timeout: 10_000 });
    assert.match(await bench.text(), /date parser test fails on CI[\s\S]*Fixed: `?parseDate`? now uses/);
    assert.deepEqual(await restoringShown(bench), { note: "Restoring: shown as it was, updated when opencode is back", busy: "true" });
    assert.deepEqual(await bench.posted(), [{ type: "ready", restore: { folder: panelFor().folder, sessionID: view.sessionID } }]);

    // The host answers at once, its server still starting: the panel changes, the rows stay.
    const starting = panelFor({ server: { kind: "starting", detail: "starting opencode" }, connection: undefined, model: "host/model-a" });
    await bench.post({ type: "state", panel: starting, loading: view.sessionID });
    await bench.page.getByText("host/model-a").waitFor();
    assert.equal((await restoringShown(bench)).busy, "true");
    // The note fades in after 0.4 s: wait for it to be opaque before the picture.
    await bench.page.waitForFunction(() => getComputedStyle(document.querySelector(".restoring-note")!).opacity === "1");
    console.log(`      screenshot: ${await bench.screenshot("restoring")}`);
    assert.match(await bench.text(), /date parser test fails on CI/);
    // Actions before the host's copy are covered by it: not applied to the saved copy. The panel
    // message after it is the barrier: once it shows, the action was handled.
    await bench.post({ type: "actions", sessionID: view.sessionID, actions: [{ kind: "event", event: { type: "message.removed", properties: { sessionID: view.sessionID, messageID: view.session.messages[0].info.id } } }] });
    await bench.post({ type: "panel", panel: { ...starting, model: "host/model-b" } });
    await bench.page.getByText("host/model-b").waitFor();
    assert.match(await bench.text(), /date parser test fails on CI/);

    // The server is back: the host's copy replaces the saved one, with a message more and a changed text.
    const host = demoView();
    const first = host.session.messages[0].parts[0];
    if (first.type === "text") first.text = "The date parser test fails on CI (host copy).";
    const extra = structuredClone(host.session.messages[3]);
    extra.info.id = "msg_000009";
    for (const p of extra.parts) { p.id = p.id.replace("000004", "000009"); p.messageID = extra.info.id; if (p.type === "text") p.text = "One more question from the host."; }
    host.session.messages.push(extra);
    await bench.post({ type: "state", panel: panelFor(), view: host });
    await bench.page.locator(".restoring-note").waitFor({ state: "detached" });
    await bench.settle();
    const text = await bench.text();
    assert.match(text, /The date parser test fails on CI \(host copy\)\.[\s\S]*One more question from the host\./);
    assert.equal(text.split("Great, now add a regression test").length - 1, 1, "each message once");
    assert.equal((await restoringShown(bench)).busy, null);
  });

  it("gives the saved copy up at once when the host shows something else: an error, another session", async () => {
    const view = demoView();
    const saved = await savedAfter(view);
    bench = await WebviewBench.open({ savedState: saved });
    await bench.page.locator(".restoring-note").waitFor({ state: "attached" });
    await bench.post({ type: "state", panel: panelFor({ empty: { kind: "serverError", message: "The opencode server stopped.", action: { label: "Start Server", command: "opencode.server.start" } } }), loading: view.sessionID });
    await bench.page.getByText("The opencode server stopped.").waitFor();
    assert.equal(await bench.page.locator(".restoring-note, .row").count(), 0);
    await bench.close();

    bench = await WebviewBench.open({ savedState: saved });
    await bench.page.locator(".restoring-note").waitFor({ state: "attached" });
    await bench.post({ type: "state", panel: panelFor(), loading: "ses_other" });
    await bench.page.getByText("Loading the conversation…").waitFor();
    assert.equal(await bench.page.locator(".restoring-note, .row").count(), 0);
  });

  it("saves the newest messages that fill the view, within the cap, and a long session's newest page only", async () => {
    const saved = await savedAfter(bigView(400, 4));
    const msgs = saved.screen!.view.session.messages;
    assert.ok(msgs.length >= 5 && msgs.length < 60, `${msgs.length} messages saved`);
    assert.equal(msgs.at(-1)!.info.id, "msg_000400", "the newest");
    assert.ok(JSON.stringify(saved).length < 210_000);
    const huge = demoView();
    const last = huge.session.messages.at(-1)!.parts[0];
    if (last.type === "text") last.text = "x ".repeat(150_000);
    const cut = await savedAfter(huge);
    assert.ok(JSON.stringify(cut).length < 210_000, `${JSON.stringify(cut).length} characters`);
    assert.equal(cut.screen!.view.session.messages.length, 1);
  });

  it("saves at most once a second while a reply streams, and at once when it ends", async () => {
    bench = await WebviewBench.open();
    const view = bigView(2, 2);
    const sessionID = view.sessionID;
    view.session.status = { type: "busy" };
    const msg = view.session.messages[1];
    msg.parts = [{ id: "prt_stream", sessionID, messageID: msg.info.id, type: "text", text: "" }];
    assert.equal(await dispatchAndCount(bench, [{ type: "state", panel: panelFor(), view }]), 1, "a full state is saved at once");
    // 200 batches in one task: a timer cannot run in between, so any save would be one per batch.
    const batches: HostMessage[] = Array.from({ length: 200 }, (_, i) => ({
      type: "actions", sessionID,
      actions: [{ kind: "event", event: { type: "message.part.delta", properties: { sessionID, messageID: msg.info.id, partID: "prt_stream", field: "text", delta: `w${i} ` } } }] as Action[],
    }));
    assert.equal(await dispatchAndCount(bench, batches), 1, "no save per delta");
    await bench.page.waitForFunction(() => (window as unknown as { __saves: number }).__saves === 2);
    const streamed = (await bench.saved()).state as SavedState;
    assert.match(textOf(streamed.screen!.view.session.messages.at(-1)!), /^w0 w1 [\s\S]* w199 $/);
    const idle: HostMessage = { type: "actions", sessionID, actions: [{ kind: "event", event: { type: "session.status", properties: { sessionID, status: { type: "idle" } } } }] };
    assert.equal(await dispatchAndCount(bench, [idle]), 3, "saved at once when the turn ends");
  });

  it("does not restore a saved screen of the wrong shape, and still says ready", async () => {
    const saved = await savedAfter(demoView());
    (saved.screen!.view.session.messages[0] as unknown as { parts: unknown }).parts = "not parts";
    bench = await WebviewBench.open({ savedState: saved });
    assert.deepEqual(await bench.posted(), [{ type: "ready", restore: { folder: saved.folder, sessionID: saved.sessionID } }]);
    assert.equal(await bench.page.locator(".row").count(), 0);
    assert.ok(bench.warnings.some(w => w.includes("not restoring the saved conversation")), bench.warnings.join("\n"));
  });
});

function textOf(m: MessageState): string {
  return m.parts.flatMap(p => (p.type === "text" ? [p.text] : [])).join("");
}
