// End to end, as a person uses it: a real VS Code (code-server 1.100.3) in headless chromium with the
// extension loaded, real opencode, the fake model. The extension host cannot test a window reload
// from inside (the reload ends it), so this drives the browser from outside: open the chat in an
// editor tab from the command palette, type a prompt into the webview and press Enter, then reload
// the window and check the tab comes back (the serializer) with the conversation in it.
import * as assert from "node:assert/strict";
import { FakeModel } from "../fakes/fakeModel";
import { openChatInEditor, openWorkbench, sendPrompt, waitForTab, waitForText } from "./workbench";

describe("end to end in VS Code: a chat survives a window reload", function () {
  this.timeout(240_000);
  let model: FakeModel | undefined, close: (() => Promise<void>) | undefined;
  after(async () => {
    await close?.();
    await model?.close();
  });

  it("types a prompt into the editor-tab chat, sees the reply, reloads, and the tab is back with the conversation", async () => {
    model = await FakeModel.start();
    model.handle(() => ({ kind: "text", chunks: ["The reply ", "survives reloads ✓"] }));
    const wb = await openWorkbench(model);
    close = wb.close;
    const page = wb.page;
    const chat = await openChatInEditor(page);
    await sendPrompt(chat, "Does this survive a reload?");
    await waitForText(page, "The reply survives reloads ✓");
    await waitForText(page, "Does this survive a reload?");
    // The tab is named after the session, whose title the fake model's title request returns.
    await waitForTab(page, "Scripted title");

    await page.reload();
    await page.waitForSelector(".monaco-workbench .statusbar", { timeout: 60_000 });
    await waitForText(page, "The reply survives reloads ✓");
    const tabs = await waitForTab(page, "Scripted title", 15_000);
    assert.equal(tabs.filter(t => t.includes("Scripted title")).length, 1, `one chat tab is back: ${JSON.stringify(tabs)}`);
  });
});
