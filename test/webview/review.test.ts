// The review bar in headless chromium: the session's changes still under review, with Review, Keep
// All and Undo All posting to the host, and gone when the host says nothing is left.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { demoView, panelFor } from "./sessions";
import type { PanelInfo, WebviewMessage } from "../../src/shared/messages";

describe("webview bench: the review bar", () => {
  let bench: WebviewBench;
  afterEach(async () => {
    if (bench) assert.deepEqual(bench.errors, [], "console errors or page errors");
    await bench?.close();
  });
  const sent = async (): Promise<WebviewMessage[]> => (await bench.posted()).filter(m => m.type !== "ready");
  const bar = () => bench.page.getByRole("region", { name: "Changes to review" });
  async function show(panel: PanelInfo, type: "state" | "panel" = "state"): Promise<void> {
    await bench.post(type === "state" ? { type, panel, view: demoView() } : { type, panel });
    await bench.settle();
  }

  it("shows the counts, posts each action once per click, and goes when the host has nothing left", async () => {
    bench = await WebviewBench.open({ viewport: { width: 440, height: 800 } });
    await show(panelFor());
    assert.equal(await bar().count(), 0, "no bar without changes");
    await show(panelFor({ review: { files: 2, hunks: 5 } }), "panel");
    assert.match(await bar().innerText(), /opencode changed 2 files \(5 changes\)/);
    // The bar takes room from the list, which stays at the end of the conversation.
    const gap = await bench.page.locator(".list").evaluate(el => el.scrollHeight - el.scrollTop - el.clientHeight);
    assert.ok(gap <= 2, `the list stopped ${gap}px short of the end when the bar appeared`);
    for (const name of ["Review", "Keep All", "Undo All"]) await bar().getByRole("button", { name, exact: true }).click();
    assert.deepEqual(await sent(), [{ type: "reviewChanges" }, { type: "keepAll" }, { type: "undoAll" }]);
    await show(panelFor({ review: { files: 1, hunks: 1 } }), "panel");
    assert.match(await bar().innerText(), /opencode changed 1 file \(1 change\)/);
    console.log(`      screenshot: ${await bench.screenshot("review-bar")}`);
    await show(panelFor(), "panel");
    assert.equal(await bar().count(), 0, "gone once everything is kept or undone");
  });
});
