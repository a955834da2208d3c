// End to end, as a person uses it: a real VS Code (code-server 1.100.3) in headless chromium with the
// extension loaded, real opencode, the fake model. The extension host cannot test a window reload
// from inside (the reload ends it), so this drives the browser from outside: open the chat in an
// editor tab from the command palette, type a prompt into the webview and press Enter, then reload
// the window and check the tab comes back (the serializer) with the conversation in it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Frame, type Page } from "playwright-core";
import { FakeModel } from "../fakes/fakeModel";
import { opencodeBin, repoRoot } from "../paths";

/** What this test uses of test/harness/codeServer.mjs (plain ESM, no types). */
type Harness = {
  startCodeServer(o: { env?: Record<string, string> }): Promise<{ url: string; stop(): Promise<void> }>;
  workbenchUrl(base: string, o: { folder: string; extDir: string }): string;
  chromiumPath: string;
  chromiumArgs: string[];
};
/** The page's own DOM, typed just enough for this file (the test tsconfig has no DOM lib). */
type Doc = { document: { getElementById(id: string): { innerText: string } | null } };
const load = new Function("u", "return import(u)") as (u: string) => Promise<Harness>;

/** The frame of the chat webview whose composer is on screen (webviews are nested iframes). */
async function chatFrame(page: Page, ms = 60_000): Promise<Frame> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const f of page.frames()) if (await f.locator("textarea").count().catch(() => 0)) return f;
    await page.waitForTimeout(250);
  }
  throw new Error(`no chat webview with a composer appeared (screenshot: ${await shot(page, "e2e-no-chat")})`);
}

/** The session title is made by a separate, asynchronous model call: wait for the tab to carry it. */
async function waitForTab(page: Page, title: string, ms = 30_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let tabs: string[] = [];
  while (Date.now() < deadline) {
    tabs = await page.locator(".tabs-container .tab").allInnerTexts();
    if (tabs.some(t => t.includes(title))) return tabs;
    await page.waitForTimeout(250);
  }
  throw new Error(`no tab titled ${JSON.stringify(title)}: ${JSON.stringify(tabs)} (screenshot: ${await shot(page, "e2e-no-tab")})`);
}

async function waitForText(page: Page, text: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const f of page.frames()) if ((await f.evaluate(() => (globalThis as unknown as Doc).document.getElementById("root")?.innerText ?? "").catch(() => "")).includes(text)) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`no chat webview showed ${JSON.stringify(text)} (screenshot: ${await shot(page, "e2e-no-text")})`);
}

async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(repoRoot, "test-results", `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file }).catch(() => undefined);
  return file;
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.waitForSelector(".quick-input-widget input", { state: "visible", timeout: 20_000 });
  await page.keyboard.type(title);
  await page.waitForTimeout(600);
  await page.keyboard.press("Enter");
}

describe("end to end in VS Code: a chat survives a window reload", function () {
  this.timeout(240_000);
  let model: FakeModel, browser: Browser, stop: () => Promise<void>;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-e2e-"));
  after(async () => {
    await browser?.close();
    await stop?.();
    await model?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("types a prompt into the editor-tab chat, sees the reply, reloads, and the tab is back with the conversation", async () => {
    const h = await load(pathToFileURL(path.join(repoRoot, "test", "harness", "codeServer.mjs")).href);
    model = await FakeModel.start();
    model.handle(() => ({ kind: "text", chunks: ["The reply ", "survives reloads ✓"] }));
    const workspace = path.join(scratch, "sample-workspace");
    fs.cpSync(path.join(repoRoot, "test", "sample-workspace"), workspace, { recursive: true });
    fs.mkdirSync(path.join(scratch, "home"));
    const cs = await h.startCodeServer({ env: { HOME: path.join(scratch, "home"), npm_config_registry: "http://127.0.0.1:9/", OPENCODE_BIN: opencodeBin(), OPENCODE_VSCODE_DEMO_MODEL_URL: model.baseUrl } });
    stop = cs.stop;
    browser = await chromium.launch({ executablePath: h.chromiumPath, headless: true, args: h.chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(h.workbenchUrl(cs.url, { folder: workspace, extDir: repoRoot }));
    await page.waitForSelector(".monaco-workbench .statusbar", { timeout: 60_000 });

    // The first try can come before the development extension is scanned: the palette then has no such command.
    let chat: Frame | undefined;
    for (let attempt = 1; !chat; attempt++) {
      await runCommand(page, "opencode: Open Chat in Editor");
      chat = await chatFrame(page, 20_000).catch(err => { if (attempt === 3) throw err; return undefined; });
    }
    await chat.locator("textarea").click();
    await chat.locator("textarea").pressSequentially("Does this survive a reload?");
    await chat.locator("textarea").press("Enter");
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
