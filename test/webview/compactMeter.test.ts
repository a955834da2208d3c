// The context meter's Compact button in headless chromium under the panel's real CSP: offered from
// 90 % of the model's window on, it posts a message the host's schema accepts.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { demoView, panelFor } from "./sessions";
import { WebviewMessage } from "../../src/shared/messages";

/** demoView's last reply carried 13,995 tokens of context. */
const used = 13_995;

describe("webview bench: Compact at a nearly full context window", () => {
  let bench: WebviewBench;
  afterEach(async () => {
    if (bench) assert.deepEqual(bench.errors, [], "console errors, page errors or CSP violations");
    await bench?.close();
  });

  it("offers Compact at 90 % and more, not below, and not while a turn runs; the click posts a valid compactSession (screenshot)", async () => {
    bench = await WebviewBench.open({ viewport: { width: 440, height: 620 } });
    const v = demoView();
    const compactButton = bench.page.getByRole("button", { name: "Compact the session" });
    await bench.post({ type: "state", panel: panelFor({ contextLimit: Math.ceil(used / 0.89) }), view: v });
    await bench.settle();
    assert.match(await bench.page.getByRole("meter").innerText(), /^89% ctx$/);
    assert.equal(await compactButton.count(), 0, "offered below 90 %");

    await bench.post({ type: "panel", panel: panelFor({ contextLimit: Math.floor(used / 0.9) }) });
    await bench.settle();
    assert.match(await bench.page.getByRole("meter").innerText(), /^90% ctx$/);
    assert.equal(await compactButton.count(), 1);
    console.log(`      screenshot: ${await bench.screenshot("panel-compact-offer")}`);
    const box = await compactButton.boundingBox();
    assert.ok(box && box.width > 40, `squeezed to ${box?.width}px`);
    await compactButton.click();
    const sent = (await bench.posted()).filter(m => m.type === "compactSession");
    assert.deepEqual(sent, [{ type: "compactSession", sessionID: v.sessionID }]);
    assert.ok(WebviewMessage.safeParse(sent[0]).success, "the host would drop it");
    assert.ok(!WebviewMessage.safeParse({ type: "compactSession", sessionID: "../x" }).success, "an id that is not one gets through");

    v.session.status = { type: "busy" };
    await bench.post({ type: "state", panel: panelFor({ contextLimit: Math.floor(used / 0.9) }), view: v });
    await bench.settle();
    assert.equal(await compactButton.count(), 0, "offered while a turn runs");
  });
});
