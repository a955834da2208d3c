// The Sessions view as a person uses it in a real VS Code (code-server in headless chromium, driven
// from outside): a search by title on the server narrows the view, a click shows the session in the
// sidebar chat, and Rename from the row's context menu reaches the chat header.
import * as assert from "node:assert/strict";
import type { Frame, Page } from "playwright-core";
import { contextMenu, openChatInEditor, runCommand, sendPrompt, shot, typeIntoQuickInput, waitForTab, waitForText, workbenchFixture } from "./workbench";

const row = (page: Page, text: string) => page.locator(".monaco-list-row[role=treeitem]", { hasText: text }).first();

/** The sidebar chat's frame once its header names `title`. */
async function headerSays(page: Page, title: string, ms = 30_000): Promise<Frame> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      const shown = await f.locator("button.title").allInnerTexts().catch(() => [] as string[]);
      if (shown.includes(title)) return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no chat header says ${JSON.stringify(title)} (screenshot: ${await shot(page, "e2e-sessions-no-header")})`);
}

describe("end to end in VS Code: the Sessions view", function () {
  this.timeout(300_000);
  const workbench = workbenchFixture();

  it("finds a session by search, opens it in the sidebar chat, renames it, and the header follows", async () => {
    const wb = await workbench.open();
    const { model } = wb;
    model.handle(() => ({ kind: "text", chunks: ["Plant the tomatoes ", "in May."] }));
    const { page } = wb;
    const chat = await openChatInEditor(page);
    await sendPrompt(chat, "When do I plant tomatoes?");
    await waitForText(page, "Plant the tomatoes in May.");
    await waitForTab(page, "Scripted title");
    await runCommand(page, "View: Close All Editors");

    await runCommand(page, "opencode: Focus on Sessions View");
    await row(page, "Scripted title").waitFor({ timeout: 30_000 });
    // A search that matches nothing: the server answers none and the view says so.
    await runCommand(page, "opencode: Search Sessions…");
    await typeIntoQuickInput(page, "Search sessions by title", "cucumbers");
    await row(page, 'No session title contains "cucumbers"').waitFor({ timeout: 30_000 });
    assert.equal(await row(page, "Scripted title").count(), 0, "the search hides the session");
    // The box opens on the current search, selected: typing replaces it.
    await runCommand(page, "opencode: Search Sessions…");
    await typeIntoQuickInput(page, "Search sessions by title", "scripted");
    await row(page, "Scripted title").waitFor({ timeout: 30_000 });
    await page.getByText('Titles containing "scripted"').waitFor({ timeout: 10_000 });
    console.log(`      screenshot: ${await shot(page, "e2e-sessions-searched")}`);

    // The sidebar chat starts on the last session: a new one first, so the click has something to change.
    const sidebar = await headerSays(page, "Scripted title");
    await sidebar.getByRole("button", { name: "New session" }).click();
    await headerSays(page, "New session");
    await row(page, "Scripted title").click();
    await headerSays(page, "Scripted title");
    console.log(`      screenshot: ${await shot(page, "e2e-sessions-opened")}`);

    await contextMenu(page, row(page, "Scripted title"), "Rename Session…");
    await page.locator(".quick-input-widget").filter({ hasText: "Rename session" }).waitFor({ state: "visible", timeout: 15_000 });
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Tomato planting");
    await page.keyboard.press("Enter");
    await headerSays(page, "Tomato planting");
    // The search still says "scripted": the renamed session leaves the filtered view.
    await runCommand(page, "opencode: Clear Session Search");
    await row(page, "Tomato planting").waitFor({ timeout: 30_000 });
    await page.getByText('Titles containing "scripted"').waitFor({ state: "hidden", timeout: 10_000 });
    console.log(`      screenshot: ${await shot(page, "e2e-sessions-renamed")}`);
  });
});
