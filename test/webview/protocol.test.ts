// The webview's side of the host protocol: it checks every host message before use (a malformed
// one is dropped and logged, and the chat goes on with the next), and `test.*` messages exist only
// when the page says test hooks are on.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { demoView, panelFor } from "./sessions";
import type { HostMessage } from "../../src/shared/messages";

describe("webview bench: host messages are checked", () => {
  let bench: WebviewBench | undefined;
  afterEach(async () => {
    if (bench) assert.deepEqual(bench.errors, [], "console errors or page errors");
    await bench?.close();
    bench = undefined;
  });

  it("drops malformed host messages, logs them, and keeps applying the ones after", async () => {
    bench = await WebviewBench.open();
    // A reply still streaming: the last message has no completion time and no error yet.
    const view = demoView();
    const sessionID = view.sessionID;
    view.session.status = { type: "busy" };
    const last = view.session.messages.at(-1)!;
    last.info = { ...last.info, time: { created: last.info.time.created } } as typeof last.info;
    delete (last.info as { error?: unknown }).error;
    await bench.post({ type: "state", panel: panelFor(), view });
    const partID = last.parts[0].id;
    const delta = (text: string) => ({ kind: "event", event: { type: "message.part.delta", properties: { sessionID, messageID: last.info.id, partID, field: "text", delta: text } } });
    const bad: unknown[] = [
      null, "state", { type: "nonsense" },
      { type: "state", panel: { folder: "/x" } },
      { type: "state", panel: panelFor(), view: { sessionID, session: { id: sessionID, status: { type: "idle" }, messages: [{ info: { id: 1 } }], todos: [], permissions: [], questions: [], diff: [] } } },
      { type: "panel", panel: { ...panelFor(), folders: "all of them" } },
      { type: "actions", sessionID, actions: [{ kind: "event", event: { type: "message.part.delta" } }] },
      { type: "actions", sessionID, actions: [{ kind: "event", event: { type: "message.updated", properties: { info: null } } }] },
      { type: "actions", sessionID, actions: "deltas" },
      { type: "history", sessionID, before: "msg_1", messages: [{ info: { id: "m", sessionID, role: "user", time: {} }, parts: [{ id: "p" }] }], older: false },
      { type: "completions", requestId: "r", items: [{ label: 3 }] },
      { type: "composer" },
    ];
    for (const m of bad) await bench.post(m as HostMessage);
    await bench.post({ type: "actions", sessionID, actions: [delta(" and it still streams")] } as HostMessage);
    await bench.page.getByText("I'll add a test that runs and it still streams").waitFor();
    assert.match(await bench.text(), /date parser test fails on CI/);
    assert.equal(bench.warnings.filter(w => w.startsWith("opencode: dropped a host message")).length, bad.length, bench.warnings.join("\n"));
  });

  it("does not answer a test.* message unless the page says test hooks are on", async () => {
    bench = await WebviewBench.open();
    await bench.post({ type: "test.getText", requestId: "r1" });
    // Messages are handled in order: once the state after it shows, the request was handled.
    await bench.post({ type: "state", panel: panelFor(), view: demoView() });
    await bench.page.getByText("date parser test fails on CI").first().waitFor();
    assert.deepEqual((await bench.posted()).map(m => m.type), ["ready"]);
    assert.ok(bench.warnings.some(w => w.includes("test.getText without test hooks")), bench.warnings.join("\n"));
  });
});
