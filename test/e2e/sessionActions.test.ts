// The session commands that ask in a modal, as a person uses them from the command palette on the
// chat in front (code-server in headless chromium, driven with the keyboard and mouse).
import * as assert from "node:assert/strict";
import type { Frame, Page } from "playwright-core";
import { FakeModel, text } from "../fakes/fakeModel";
import { clickDialog, openChatInEditor, openWorkbench, runCommand, sendPrompt, shot, waitForText } from "./workbench";

describe("end to end in VS Code: session actions behind a modal (share, delete)", function () {
  this.timeout(240_000);
  let model: FakeModel | undefined, close: (() => Promise<void>) | undefined, page: Page, chat: Frame;
  before(async () => {
    model = await FakeModel.start();
    model.handle(() => text("Noted ✓"));
    const wb = await openWorkbench(model);
    close = wb.close;
    page = wb.page;
    chat = await openChatInEditor(page);
    await sendPrompt(chat, "Remember the session actions");
    await waitForText(page, "Noted ✓");
  });
  after(async () => {
    await close?.();
    await model?.close();
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

  it("Delete: after the modal the chat that showed the session starts a new one", async () => {
    await runCommand(page, "opencode: Delete Session");
    await clickDialog(page, "Delete the session", "Delete");
    await chat.locator("button.title", { hasText: "New session" }).waitFor({ timeout: 30_000 });
    assert.ok(!(await chat.locator("#root").innerText()).includes("Remember the session actions"), "the deleted conversation is still shown");
    await shot(page, "e2e-session-deleted");
  });
});
