// End to end: quitting VS Code (not a window reload) and starting it again on the same workspace and
// user data. The sidebar chat and a chat editor tab each show a different session before the quit;
// after it, each shows its own again: editor tabs come back through the webview panel serializer, and
// the sidebar's webview view gets its saved state back too, each with the folder and session it showed.
// What VS Code has not stored when the window goes is lost (a browser tab cannot wait for its storage
// writes as it closes), so the quit comes once VS Code has stored the state.
import * as assert from "node:assert/strict";
import type { Frame, Page } from "playwright-core";
import { runCommand, sendPrompt, shot, storedState, waitForTab, waitForText, workbenchFixture } from "./workbench";

type Doc = { document: { getElementById(id: string): { innerText: string } | null } };

/** The text of every chat webview on the page (webviews are nested iframes). */
async function chatTexts(page: Page): Promise<string[]> {
  const texts: string[] = [];
  for (const f of page.frames()) {
    const t = await f.evaluate(() => (globalThis as unknown as Doc).document.getElementById("root")?.innerText ?? null).catch(() => null);
    if (t) texts.push(t);
  }
  return texts;
}

/**
 * The chat webview with a composer in the sidebar (narrow) or in an editor tab (wide): a webview's
 * frame is not inside the part that shows it (VS Code overlays webviews), so its width tells.
 */
async function chatIn(page: Page, where: "sidebar" | "editor", ms = 60_000): Promise<Frame> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      if (!await f.locator("textarea").count().catch(() => 0)) continue;
      const width = await f.evaluate(() => (globalThis as unknown as { innerWidth: number }).innerWidth).catch(() => 0);
      if (width > 0 && (where === "editor") === (width > 600)) return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no chat in the ${where} (screenshot: ${await shot(page, `e2e-quit-no-${where}`)})`);
}

/** Waits for VS Code's periodic flush to store `text` in the browser. */
async function waitUntilStored(page: Page, text: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await storedState(page)).includes(JSON.stringify(text).slice(1, -1))) {
    if (Date.now() > deadline) throw new Error(`VS Code did not store ${JSON.stringify(text)} within ${ms} ms`);
    await page.waitForTimeout(1_000);
  }
}

/** Waits until one chat shows the sidebar's conversation only and another the editor tab's only. */
async function waitForBoth(page: Page, sidebar: string, editor: string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  let texts: string[] = [];
  while (Date.now() < deadline) {
    texts = await chatTexts(page);
    if (texts.some(t => t.includes(sidebar) && !t.includes(editor)) && texts.some(t => t.includes(editor) && !t.includes(sidebar))) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`the two chats do not show their own sessions: ${JSON.stringify(texts.map(t => t.slice(0, 300)))} (screenshot: ${await shot(page, "e2e-quit")})`);
}

describe("end to end in VS Code: the chats reopen on their sessions after a quit", function () {
  this.timeout(300_000);
  const workbench = workbenchFixture();

  it("the sidebar and an editor tab on different sessions: quit, start again, each shows its own", async () => {
    const wb = await workbench.open();
    const { model } = wb;
    model.handle(req => {
      const asked = JSON.stringify(req.body.messages ?? []);
      return { kind: "text", chunks: [asked.includes("editor tab question") ? "Editor tab reply ✓" : "Sidebar reply ✓"] };
    });
    const page = wb.page;

    await runCommand(page, "opencode: Open Chat");
    // The chat gets the whole side bar: below the other views it has no room left for its messages.
    // Runs opens expanded; MCP Servers and Sessions start collapsed.
    await page.locator(".pane-header", { hasText: "Runs" }).waitFor({ state: "visible", timeout: 30_000 });
    for (const view of ["Runs", "MCP Servers", "Sessions"]) {
      const header = page.locator(".pane-header.expanded", { hasText: view });
      if (await header.count()) await header.first().click();
    }
    const sidebar = await chatIn(page, "sidebar");
    await sendPrompt(sidebar, "The sidebar question");
    await waitForText(page, "Sidebar reply ✓");

    // A tab opened from the sidebar starts on the sidebar's session: a new session there.
    await runCommand(page, "opencode: Open Chat in Editor");
    const editor = await chatIn(page, "editor");
    await editor.getByRole("button", { name: "New session" }).click();
    await waitForTab(page, "opencode");
    await sendPrompt(editor, "The editor tab question");
    await waitForText(page, "Editor tab reply ✓");
    await waitForTab(page, "Scripted title");
    await waitForBoth(page, "Sidebar reply ✓", "Editor tab reply ✓");

    // As after a while of work: VS Code has stored what the tab shows (its webview's saved state).
    await waitUntilStored(page, "Editor tab reply ✓");
    await wb.quitAndRestart();
    const tabs = await waitForTab(page, "Scripted title", 60_000);
    // A restored tab that is not in front has no webview yet: a person clicks it to look.
    await page.locator(".tabs-container .tab", { hasText: "Scripted title" }).first().click();
    console.log(`      tabs after the restart: ${JSON.stringify(tabs)}`);
    // The sidebar's view is shown again if it was open; this makes sure, without choosing a session.
    await runCommand(page, "opencode: Open Chat");
    await waitForBoth(page, "Sidebar reply ✓", "Editor tab reply ✓");
    const texts = await chatTexts(page);
    assert.equal(texts.filter(t => t.includes("Editor tab reply ✓")).length, 1, "one chat shows the editor tab's session");
  });
});
