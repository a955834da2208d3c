// "Run Task…" as a person uses it in a real VS Code (code-server in headless chromium, driven from
// outside with the keyboard and mouse): F1, the command, the task typed into its input, Enter; the
// progress notification; the deliverable opening in a tab; the finish notification's Open Result;
// the Runs view listing the run.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { type FakeModel, runProtocolPaths, stepOf, text, tools, type ModelRequest } from "../fakes/fakeModel";
import type { Page } from "playwright-core";
import { clickDialog, clickNotification, contextMenu, quickOpen, runCommand, shot, waitForTab, waitForText, workbenchFixture } from "./workbench";

describe("end to end in VS Code: a run from the command palette", function () {
  this.timeout(240_000);
  const workbench = workbenchFixture();
  let model: FakeModel;
  let page: Page, workspace: string;
  before(async () => {
    const wb = await workbench.open({ settings: { "opencode.permissions": { edit: "ask", bash: "ask" } } });
    model = wb.model;
    // Agents told apart by the task: one plans and delivers, one needs a key it does not have, one
    // summarises, one explains.
    model.handle((req: ModelRequest) => {
      const paths = runProtocolPaths(req);
      if (!paths) return text("(the protocol was not in the prompt)");
      const { log, deliverables } = paths;
      const asked = JSON.stringify(req.body.messages);
      if (asked.includes("Summarise greet.ts")) return text("greet.ts says hello to whoever it is given.");
      if (asked.includes("Explain src/greet.ts")) return [
        tools({ name: "write", args: { filePath: path.join(deliverables, "explanation.md"), content: "# greet.ts\n\nIt greets.\n" } }),
        tools({ name: "bash", args: { command: `echo 'DELIVERABLE: explanation.md' >> ${log} && echo 'DONE: explained' >> ${log}`, description: "report" } }),
        text("Explained in explanation.md."),
      ][stepOf(req)] ?? text("(over)");
      if (asked.includes("Deploy the docs")) return [
        tools({ name: "bash", args: { command: `echo 'ATTENTION: the deploy key is missing' >> ${log} && echo 'BROWSER: https://example.com/keys' >> ${log}`, description: "report" } }),
        tools({ name: "bash", args: { command: `echo 'ERROR: cannot deploy without a key' >> ${log}`, description: "report" } }),
        text("I could not deploy."),
      ][stepOf(req)] ?? text("(over)");
      // An image, put in place as a tool would before it is announced (the write tool writes text only).
      if (stepOf(req) === 2) fs.writeFileSync(path.join(deliverables, "chart.png"), Buffer.from(pixelPng, "base64"));
      return [
        tools({ name: "write", args: { filePath: path.join(deliverables, "plan.md"), content: "# Plan\n\n1. Read the code\n2. Write the tests ✓\n" } }),
        { kind: "tools" as const, calls: [{ name: "bash", args: { command: `echo 'STATUS: 50% plan written' >> ${log}`, description: "status" } }], delayMs: 2_000 },
        tools({ name: "bash", args: { command: `echo 'DELIVERABLE: plan.md' >> ${log} && echo 'DELIVERABLE: chart.png' >> ${log} && echo 'DONE: the plan is ready' >> ${log}`, description: "report" } }),
        text("Planned: see plan.md."),
      ][stepOf(req)] ?? text("(over)");
    });
    page = wb.page;
    workspace = wb.workspace;
  });

  it("types a task into Run Task…, sees progress, gets the deliverable tab and the result", async () => {
    await runCommand(page, "opencode: Run Task");
    const input = page.locator(".quick-input-widget").filter({ hasText: "opencode: Run Task" });
    await input.waitFor({ state: "visible", timeout: 30_000 });
    await page.keyboard.type("Plan the tests for greet.ts");
    await page.keyboard.press("Enter");

    // The progress notification names the task while it runs.
    await page.locator(".notification-toast", { hasText: "opencode: Plan the tests for greet.ts" }).first().waitFor({ timeout: 30_000 });
    await shot(page, "e2e-run-progress");
    await waitForTab(page, "plan.md", 60_000);
    await waitForTab(page, "chart.png", 30_000);
    assert.ok(await imageShown(page, "chart.png"), "the image deliverable is in VS Code's image viewer");
    await clickNotification(page, "“Plan the tests for greet.ts” is done: the plan is ready", "Open Result", 60_000);
    const tabs = await waitForTab(page, "result.md");
    await page.waitForTimeout(2_000); // the markdown preview renders in a webview of its own
    await shot(page, "e2e-run-result");
    assert.ok(tabs.some(t => t.includes("plan.md")), `the deliverable's tab is open: ${JSON.stringify(tabs)}`);

    await runCommand(page, "opencode: Focus on Runs View");
    const row = page.locator(".monaco-list-row[role=treeitem]", { hasText: "Plan the tests for greet.ts" });
    await row.first().waitFor({ timeout: 20_000 });
    assert.match(await row.first().innerText(), /succeeded/);
    const children = await page.locator(".monaco-list-row[role=treeitem]", { hasText: "plan.md" }).allInnerTexts();
    assert.deepEqual(children.map(c => c.replace(/\s+/g, "")), ["plan.mddeliverable"], "the deliverable is listed, and not as a changed project file");
    assert.equal(await page.locator(".monaco-list-row[role=treeitem]", { hasText: "chart.png" }).count(), 1, "the image is listed too");
    await shot(page, "e2e-run-done");
  });

  it("a failing run: ATTENTION notifies, BROWSER asks before opening anything, ERROR offers Open Log", async () => {
    const pages = page.context().pages().length;
    await runCommand(page, "opencode: Run Task");
    await page.locator(".quick-input-widget").filter({ hasText: "opencode: Run Task" }).waitFor({ state: "visible", timeout: 30_000 });
    await page.keyboard.type("Deploy the docs");
    await page.keyboard.press("Enter");
    // Toasts or, when VS Code has queued them, the notification center: either is what the user sees.
    const shown = (text: string) => page.locator(".notification-toast, .notifications-center .monaco-list-row", { hasText: text }).first();
    await page.locator(".notification-toast", { hasText: "Deploy the docs" }).first().waitFor({ timeout: 60_000 });
    await runCommand(page, "Notifications: Show Notifications");
    await shown("needs your attention: the deploy key is missing").waitFor({ timeout: 60_000 });
    const browser = shown("wants to open https://example.com/keys");
    await browser.waitFor({ timeout: 30_000 });
    assert.equal(await browser.locator(".monaco-button", { hasText: "Open" }).count() > 0, true, "the link is offered, not opened");
    assert.equal(page.context().pages().length, pages, "nothing was opened without the user's say");
    await shot(page, "e2e-run-failed");
    await clickNotification(page, "“Deploy the docs” failed: cannot deploy without a key", "Open Log", 20_000);
    await waitForTab(page, "run.log");
  });

  it("sends a run to the agent chosen by the input's title button, and Open in Chat shows its session", async () => {
    await runCommand(page, "opencode: Run Task");
    const input = page.locator(".quick-input-widget").filter({ hasText: "opencode: Run Task" });
    await input.waitFor({ state: "visible", timeout: 30_000 });
    await page.locator(".quick-input-widget .quick-input-titlebar .action-label[aria-label^='Agent:']").click();
    // The agent picker replaces the input once the server has listed its agents.
    await page.locator(".quick-input-widget").filter({ hasText: "Agent for this run" }).waitFor({ state: "visible", timeout: 30_000 });
    await page.keyboard.type("plan");
    await page.locator(".quick-input-widget .monaco-list-row.focused", { hasText: "plan" }).waitFor({ timeout: 10_000 });
    await page.keyboard.press("Enter");
    await page.locator(".quick-input-widget").filter({ hasText: "· plan ·" }).waitFor({ state: "visible", timeout: 20_000 });
    await shot(page, "e2e-run-agent");
    await page.keyboard.type("Summarise greet.ts");
    await page.keyboard.press("Enter");

    // It answers without writing DONE: a warning, which still opens the answer.
    await clickNotification(page, "“Summarise greet.ts” ended without DONE", "Open in Chat", 60_000);
    await waitForText(page, "greet.ts says hello to whoever it is given.", 30_000);
    await shot(page, "e2e-run-in-chat");
    const result = runFolders(workspace).map(d => path.join(d, "result.md")).find(f => fs.readFileSync(f, "utf8").includes("> Summarise greet.ts"));
    assert.ok(result, "the run wrote its result.md");
    assert.match(fs.readFileSync(result, "utf8"), /^- Agent: plan$/m, "the run went to the agent picked for it");
  });

  it("Explain File from the editor's context menu delivers a tab; Delete in the Runs view removes the run", async () => {
    await quickOpen(page, "greet.ts");
    await contextMenu(page, page.locator(".editor-group-container.active .monaco-editor .view-lines"), "Explain File");
    await waitForTab(page, "explanation.md", 60_000);
    await page.locator(".notification-toast, .notifications-center .monaco-list-row", { hasText: "“Explain src/greet.ts” is done: explained" }).first().waitFor({ timeout: 60_000 });
    const folders = runFolders(workspace).length;

    await runCommand(page, "opencode: Focus on Runs View");
    const row = page.locator(".monaco-list-row[role=treeitem]", { hasText: "Explain src/greet.ts" }).first();
    await row.waitFor({ timeout: 20_000 });
    await contextMenu(page, row, "Delete Run");
    await clickDialog(page, "Delete the run “Explain src/greet.ts”?", "Delete");
    await row.waitFor({ state: "detached", timeout: 20_000 });
    await shot(page, "e2e-run-deleted");
    assert.equal(runFolders(workspace).length, folders - 1, "the run's folder is gone");
    const tabs = await page.locator(".tabs-container .tab").allInnerTexts();
    assert.ok(!tabs.some(t => t.includes("explanation.md")), `the deleted deliverable's tab closed: ${JSON.stringify(tabs)}`);
    assert.ok(tabs.some(t => t.includes("plan.md")), `another run's deliverable stays open: ${JSON.stringify(tabs)}`);
    assert.equal(await page.locator(".monaco-list-row[role=treeitem]", { hasText: "Plan the tests for greet.ts" }).count(), 1, "the other runs stay");
  });
});

/** A 1×1 PNG. */
const pixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/** Whether a webview shows `name` as an <img> (VS Code's image preview is a webview of its own). */
async function imageShown(page: Page, name: string, ms = 20_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const f of page.frames()) if (await f.locator(`img[src*="${name}"]`).count().catch(() => 0)) return true;
    await page.waitForTimeout(250);
  }
  return false;
}

/** The run folders in the workspace, newest runs included. */
function runFolders(workspace: string): string[] {
  const root = path.join(workspace, ".opencode", "runs");
  return fs.existsSync(root) ? fs.readdirSync(root).map(d => path.join(root, d)) : [];
}
