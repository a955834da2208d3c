// "Run Task…" as a person uses it in a real VS Code (code-server in headless chromium, driven from
// outside with the keyboard and mouse): F1, the command, the task typed into its input, Enter; the
// progress notification; the deliverable opening in a tab; the finish notification's Open Result;
// the Runs view listing the run.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { FakeModel, runProtocolPaths, stepOf, text, tools, type ModelRequest } from "../fakes/fakeModel";
import type { Page } from "playwright-core";
import { clickNotification, openWorkbench, runCommand, shot, waitForTab } from "./workbench";

describe("end to end in VS Code: a run from the command palette", function () {
  this.timeout(240_000);
  let model: FakeModel | undefined, close: (() => Promise<void>) | undefined, page: Page;
  before(async () => {
    model = await FakeModel.start();
    // Two agents, told apart by the task: one plans and delivers, one needs a key it does not have.
    model.handle((req: ModelRequest) => {
      const paths = runProtocolPaths(req);
      if (!paths) return text("(the protocol was not in the prompt)");
      const { log, deliverables } = paths;
      if (JSON.stringify(req.body.messages).includes("Deploy the docs")) return [
        tools({ name: "bash", args: { command: `echo 'ATTENTION: the deploy key is missing' >> ${log} && echo 'BROWSER: https://example.com/keys' >> ${log}`, description: "report" } }),
        tools({ name: "bash", args: { command: `echo 'ERROR: cannot deploy without a key' >> ${log}`, description: "report" } }),
        text("I could not deploy."),
      ][stepOf(req)] ?? text("(over)");
      return [
        tools({ name: "write", args: { filePath: path.join(deliverables, "plan.md"), content: "# Plan\n\n1. Read the code\n2. Write the tests ✓\n" } }),
        { kind: "tools" as const, calls: [{ name: "bash", args: { command: `echo 'STATUS: 50% plan written' >> ${log}`, description: "status" } }], delayMs: 2_000 },
        tools({ name: "bash", args: { command: `echo 'DELIVERABLE: plan.md' >> ${log} && echo 'DONE: the plan is ready' >> ${log}`, description: "report" } }),
        text("Planned: see plan.md."),
      ][stepOf(req)] ?? text("(over)");
    });
    const wb = await openWorkbench(model, { "opencode.permissions": { edit: "ask", bash: "ask" } });
    close = wb.close;
    page = wb.page;
  });
  after(async () => {
    await close?.();
    await model?.close();
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
    await clickNotification(page, "“Plan the tests for greet.ts” is done: the plan is ready", "Open Result", 60_000);
    const tabs = await waitForTab(page, "result.md");
    await page.waitForTimeout(2_000); // the markdown preview renders in a webview of its own
    await shot(page, "e2e-run-result");
    assert.ok(tabs.some(t => t.includes("plan.md")), `the deliverable's tab is open: ${JSON.stringify(tabs)}`);

    await runCommand(page, "opencode: Focus on Runs View");
    const row = page.locator(".monaco-list-row", { hasText: "Plan the tests for greet.ts" });
    await row.first().waitFor({ timeout: 20_000 });
    assert.match(await row.first().innerText(), /succeeded/);
    const children = await page.locator(".monaco-list-row", { hasText: "plan.md" }).allInnerTexts();
    assert.deepEqual(children.map(c => c.replace(/\s+/g, "")), ["plan.mddeliverable"], "the deliverable is listed, and not as a changed project file");
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
});
