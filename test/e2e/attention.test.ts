// What the extension says when the user is not looking at the chat, or has unsaved work, as a
// person meets it in a real VS Code (code-server in headless chromium, driven from outside): the
// notification of an ask raised while the chat is hidden, the modal before a prompt when files are
// unsaved, and the warning with Compare when the agent writes a file that has unsaved changes.
// The extension-test host cannot show modal dialogs (VS Code refuses them there), hence end to end.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { text } from "../fakes/fakeModel";
import { chatFrame, clickDialog, clickNotification, openChatInEditor, quickOpen, sendPrompt, shot, waitForTab, workbenchFixture } from "./workbench";

async function until(what: string, check: () => boolean, page: Page, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} (screenshot: ${await shot(page, "e2e-attention")})`);
    await page.waitForTimeout(200);
  }
}

/** Brings the chat's editor tab back to the front and returns its (new) webview frame. */
async function showChat(page: Page) {
  await page.locator(".tabs-container .tab", { hasText: "Scripted title" }).click();
  return chatFrame(page);
}

describe("end to end in VS Code: asks and unsaved files when the user is elsewhere", function () {
  this.timeout(300_000);
  const workbench = workbenchFixture();

  it("notifies an ask while the chat is hidden, asks before sending with unsaved files, and offers Compare after a write over them", async () => {
    const wb = await workbench.open({ settings: { "opencode.permissions": { edit: { "*": "ask", "*greet.ts": "allow" } }, "files.autoSave": "off" } });
    const { model } = wb;
    // Edits ask, except greet.ts (the last matching pattern wins in opencode 1.18.33; `*` crosses `/`).
    const { page, workspace } = wb;
    const read = (file: string) => fs.existsSync(path.join(workspace, file)) ? fs.readFileSync(path.join(workspace, file), "utf8") : undefined;
    const seen = (s: string) => model!.requests.filter(r => !r.isTitleRequest).some(r => JSON.stringify(r.body.messages).includes(s));

    // 1. The user sends a prompt and goes back to their code: the ask that comes while the chat is
    //    hidden raises a notification, and its Allow once answers it (the picker goes away too).
    let chat = await openChatInEditor(page);
    model.script({ kind: "tools", calls: [{ name: "write", args: { filePath: "notes.txt", content: "from the agent\n" } }], delayMs: 4_000 }, text("Notes written ✓"));
    await sendPrompt(chat, "Write notes.txt");
    await quickOpen(page, "greet.ts");
    await clickNotification(page, "opencode asks: Edit notes.txt", "Allow once");
    await until("notes.txt was never written", () => read("notes.txt") === "from the agent\n", page);
    await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 15_000 });
    await waitForTab(page, "Scripted title");

    // 2. Unsaved typing in greet.ts, then a prompt: the modal offers to save first.
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("const mine = 1;\n");
    chat = await showChat(page);
    model.script(text("Saw your saved file ✓"));
    await sendPrompt(chat, "Look at greet.ts");
    await clickDialog(page, "unsaved changes that opencode cannot see: src/greet.ts", "Save All and Send");
    await until("greet.ts was not saved before the prompt", () => read("src/greet.ts")?.startsWith("const mine = 1;\n") === true, page);
    await until("the prompt never reached the model", () => seen("Look at greet.ts"), page);

    // 3. Unsaved typing again, sent without saving; the agent (allowed for greet.ts) overwrites the
    //    file: a warning offers the disk-vs-buffer Compare, and the user's buffer is kept.
    await quickOpen(page, "greet.ts");
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("const stillMine = 2;\n");
    chat = await showChat(page);
    model.script({ kind: "tools", calls: [{ name: "write", args: { filePath: "src/greet.ts", content: "// the agent's version\n" } }] }, text("Rewrote greet.ts ✓"));
    await sendPrompt(chat, "Rewrite greet.ts");
    await clickDialog(page, "unsaved changes that opencode cannot see: src/greet.ts", "Send Without Saving");
    await until("the agent's write never reached the disk", () => read("src/greet.ts") === "// the agent's version\n", page);
    await clickNotification(page, "opencode changed src/greet.ts on disk while it has unsaved changes here", "Compare");
    const tabs = await waitForTab(page, "on disk (opencode) ↔ your unsaved changes");
    assert.ok(tabs.some(t => t.includes("greet.ts")), `the greet.ts buffer is still open: ${JSON.stringify(tabs)}`);
    const dirty = await page.locator(".tabs-container .tab.dirty", { hasText: "greet.ts" }).count();
    assert.ok(dirty >= 1, "the user's unsaved greet.ts buffer was dropped");
    await shot(page, "e2e-attention-compare");
  });
});
