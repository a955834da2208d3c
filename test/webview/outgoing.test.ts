// The prompt just sent, before opencode has recorded it: it shows at once with what it waits for,
// in place of the empty chat's invitation, and goes when the host stops sending it (the
// conversation then shows the prompt as a message). Real bundle, real CSP.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { demoView, panelFor } from "./sessions";

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
});
