// The prompt just sent, before opencode has recorded it: it shows at once with what it waits for,
// in place of the empty chat's invitation, and goes when the host stops sending it (the
// conversation then shows the prompt as a message). Real bundle, real CSP.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { bigView, demoView, panelFor } from "./sessions";

const noSession = { kind: "noSession" as const, message: "Ask opencode to explain, change or build something in ws." };

describe("webview bench: the prompt being sent", () => {
  let bench: WebviewBench;
  afterEach(async () => {
    if (bench) {
      assert.deepEqual(bench.errors, [], "console errors or page errors");
      assert.deepEqual(await bench.cspViolations(), []);
    }
    await bench?.close();
  });

  it("a new conversation's first prompt shows at once while opencode starts (screenshot)", async () => {
    bench = await WebviewBench.open({ viewport: { width: 440, height: 560 } });
    await bench.post({ type: "state", panel: panelFor({ empty: noSession, sending: { text: "What does <b>this</b> do?", step: "Starting opencode…" } }) });
    const out = bench.page.getByRole("region", { name: "Your message, being sent" });
    await out.waitFor();
    assert.equal(await out.locator(".user-text").innerText(), "What does <b>this</b> do?", "shown as text, not markup");
    assert.equal(await out.getByRole("status").innerText(), "Starting opencode…");
    assert.equal(await bench.page.getByText(noSession.message).count(), 0, "the invitation made way");
    console.log(`      screenshot: ${await bench.screenshot("outgoing-starting")}`);

    await bench.post({ type: "state", panel: panelFor({ empty: noSession }) });
    await bench.page.getByText(noSession.message).waitFor();
    assert.equal(await out.count(), 0, "gone once the host no longer sends it");
  });

  it("below an existing conversation, until its message arrives", async () => {
    bench = await WebviewBench.open({ viewport: { width: 440, height: 560 } });
    await bench.post({ type: "state", panel: panelFor({ sending: { text: "And now the tests", step: "Sending…" } }), view: demoView() });
    const out = bench.page.getByRole("region", { name: "Your message, being sent" });
    await out.waitFor();
    assert.equal(await out.getByRole("status").innerText(), "Sending…");
    assert.ok(await bench.page.locator(".list[aria-label=Conversation]").isVisible(), "the conversation stays");
    await bench.post({ type: "panel", panel: panelFor({}) });
    await out.waitFor({ state: "detached" });
  });

  it("a server error stays in view beside it", async () => {
    bench = await WebviewBench.open({ viewport: { width: 440, height: 560 } });
    const crashed = { kind: "serverError" as const, message: "The opencode server stopped: opencode exited (1)", action: { label: "Start Server", command: "opencode.server.start" } };
    await bench.post({ type: "state", panel: panelFor({ empty: crashed, sending: { text: "Still here?", step: "Starting opencode…" } }) });
    await bench.page.getByRole("region", { name: "Your message, being sent" }).waitFor();
    assert.ok(await bench.page.getByText(crashed.message).isVisible(), "the error is not hidden by the prompt");
    assert.ok(await bench.page.getByRole("button", { name: "Start Server" }).isVisible());
  });

  it("a conversation at its end stays there when the prompt being sent becomes its message", async () => {
    bench = await WebviewBench.open({ viewport: { width: 440, height: 560 } });
    const view = bigView(40, 3);
    const sessionID = view.sessionID;
    await bench.post({ type: "state", panel: panelFor(), view });
    await bench.settle();
    const list = bench.page.locator(".list[aria-label=Conversation]");
    const fromEnd = () => list.evaluate(el => el.scrollHeight - el.scrollTop - el.clientHeight);
    for (let round = 1; round <= 8; round++) {
      const text = `Prompt ${round}, and a second line\nthat makes the box taller`;
      await bench.post({ type: "panel", panel: panelFor({ sending: { text, step: "Sending…" } }) });
      await bench.settle();
      // One flush of the host: the panel without it, then the actions that add its message.
      const id = `msg_z${String(round).padStart(3, "0")}`;
      const info = { id, sessionID, role: "user" as const, time: { created: round } };
      void bench.post({ type: "panel", panel: panelFor() });
      await bench.post({ type: "actions", sessionID, actions: [
        { kind: "event", event: { type: "message.updated", properties: { info } } },
        { kind: "event", event: { type: "message.part.updated", properties: { part: { id: `prt_${id}`, sessionID, messageID: id, type: "text", text } } } },
      ] });
      await bench.settle();
      await bench.settle();
      assert.equal(await bench.page.getByRole("button", { name: "Jump to the latest message" }).count(), 0, `round ${round}: the list let go of its end`);
      assert.ok(await fromEnd() <= 24, `round ${round}: ${await fromEnd()} px from the end`);
    }
  });
});
