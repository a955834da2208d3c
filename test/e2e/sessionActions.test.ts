// The session commands that ask in a modal, as a person uses them from the command palette on the
// chat in front (code-server in headless chromium, driven with the keyboard and mouse).
import * as assert from "node:assert/strict";
import type { Frame, Page } from "playwright-core";
import { type FakeModel, text, tools } from "../fakes/fakeModel";
import { chatFrame, clickDialog, openChatInEditor, runCommand, sendPrompt, shot, waitForTab, waitForText, workbenchFixture } from "./workbench";

describe("end to end in VS Code: session actions behind a modal (share, delete)", function () {
  this.timeout(240_000);
  const workbench = workbenchFixture();
  let model: FakeModel;
  let page: Page, chat: Frame;
  before(async () => {
    const wb = await workbench.open({ settings: { "opencode.permissions": { edit: "allow" } } });
    model = wb.model;
    // One edit (allowed without an ask) gives the session a diff tab for Delete to close.
    model.script(tools({ name: "write", args: { filePath: "notes.txt", content: "session actions\n" } }), text("Noted ✓"));
    page = wb.page;
    chat = await openChatInEditor(page);
    await sendPrompt(chat, "Remember the session actions");
    await waitForText(page, "Noted ✓");
    await waitForTab(page, "Scripted title");
  });

  const notification = (t: string) => page.locator(".notification-toast, .notifications-center .monaco-list-row", { hasText: t }).first();

  it("Share: the modal says the conversation becomes a public link; offline, the refusal is shown", async () => {
    await runCommand(page, "opencode: Share Session");
    const dialog = page.locator(".monaco-dialog-box").filter({ hasText: "Share the session" });
    await dialog.waitFor({ state: "visible", timeout: 30_000 });
    assert.match(await dialog.innerText(), /becomes a public link on opencode's share service/);
    await shot(page, "e2e-share-modal");
    await clickDialog(page, "Share the session", "Share");
    await notification("share the session failed: opencode could not publish it (HTTP 500). Sharing uploads the conversation").waitFor({ timeout: 30_000 });
    await shot(page, "e2e-share-refused");
  });

  it("Delete: after the modal the session's chat tab and its diff tab close", async () => {
    await chat.locator("button", { hasText: "Open Diff" }).first().click();
    await waitForTab(page, "notes.txt (write)");
    // The diff took the chat's place in the group: its tab to the front again (Delete acts on the chat in front).
    await page.locator(".tabs-container .tab", { hasText: "Scripted title" }).click();
    await chatFrame(page);
    await runCommand(page, "opencode: Delete Session");
    await clickDialog(page, "Delete the session", "Delete");
    const chatOpen = async () => (await Promise.all(page.frames().map(f => f.locator("textarea").count().catch(() => 0)))).some(n => n > 0);
    const deadline = Date.now() + 30_000;
    let tabs = await page.locator(".tabs-container .tab").allInnerTexts();
    while ((tabs.some(t => t.includes("notes.txt")) || await chatOpen()) && Date.now() < deadline) {
      await page.waitForTimeout(250);
      tabs = await page.locator(".tabs-container .tab").allInnerTexts();
    }
    await shot(page, "e2e-session-deleted");
    assert.ok(!tabs.some(t => t.includes("notes.txt")), `the session's diff tab is still open: ${JSON.stringify(tabs)}`);
    assert.ok(!await chatOpen(), "the session's chat tab is still open");
  });
});
