// Driving a real VS Code (code-server in headless chromium) from outside, as a person would: the
// command palette, quick inputs, the chat webview's own DOM. Shared by the end-to-end tests.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Frame, type Locator, type Page } from "playwright-core";
import { FakeModel } from "../fakes/fakeModel";
import { opencodeBin, repoRoot } from "../paths";

/** What this test uses of test/harness/codeServer.mjs (plain ESM, no types). */
type Harness = {
  startCodeServer(o: { env?: Record<string, string>; runDir?: string; port?: number }): Promise<{ url: string; runDir: string; port: number; stop(): Promise<void> }>;
  workbenchUrl(base: string, o: { folder: string; extDir: string }): string;
  chromiumPath: string;
  chromiumArgs: string[];
};
/** The page's own DOM, typed just enough for this file (the test tsconfig has no DOM lib). */
type Doc = { document: { getElementById(id: string): { innerText: string } | null } };
const load = new Function("u", "return import(u)") as (u: string) => Promise<Harness>;

/** The frame of the chat webview whose composer is on screen (webviews are nested iframes). */
export async function chatFrame(page: Page, ms = 60_000): Promise<Frame> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const f of page.frames()) if (await f.locator("textarea").count().catch(() => 0)) return f;
    await page.waitForTimeout(250);
  }
  throw new Error(`no chat webview with a composer appeared (screenshot: ${await shot(page, "e2e-no-chat")})`);
}

/** The session title is made by a separate, asynchronous model call: wait for the tab to carry it. */
export async function waitForTab(page: Page, title: string, ms = 30_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let tabs: string[] = [];
  while (Date.now() < deadline) {
    tabs = await page.locator(".tabs-container .tab").allInnerTexts();
    if (tabs.some(t => t.includes(title))) return tabs;
    await page.waitForTimeout(250);
  }
  throw new Error(`no tab titled ${JSON.stringify(title)}: ${JSON.stringify(tabs)} (screenshot: ${await shot(page, "e2e-no-tab")})`);
}

export async function waitForText(page: Page, text: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    for (const f of page.frames()) if ((await f.evaluate(() => (globalThis as unknown as Doc).document.getElementById("root")?.innerText ?? "").catch(() => "")).includes(text)) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`no chat webview showed ${JSON.stringify(text)} (screenshot: ${await shot(page, "e2e-no-text")})`);
}

export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(repoRoot, "test-results", `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file }).catch(() => undefined);
  return file;
}

/**
 * Runs a command from the palette. Enter takes the focused row, so wait for that row to name the
 * command first: the palette fills its list asynchronously, and in a fresh window the extension's
 * commands appear only once it has been scanned, so the palette is reopened until they are there.
 */
export async function runCommand(page: Page, title: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await page.keyboard.press("F1");
    await page.waitForSelector(".quick-input-widget input", { state: "visible", timeout: 20_000 });
    await page.keyboard.type(title);
    const row = page.locator(".quick-input-widget .monaco-list-row.focused", { hasText: title }).first();
    if (await row.waitFor({ state: "visible", timeout: 5_000 }).then(() => true, () => false)) return page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    if (Date.now() > deadline) throw new Error(`the palette offered no command ${JSON.stringify(title)} (screenshot: ${await shot(page, "e2e-no-command")})`);
  }
}

/**
 * Everything VS Code for the web has stored in the browser (its IndexedDB state databases: window,
 * workspace and extension state), as one string to look for values in. VS Code writes there when it
 * flushes its state: about once a minute while idle, and when the window shuts down.
 */
export function storedState(page: Page): Promise<string> {
  return page.evaluate(`(async () => {
    let all = "";
    for (const d of await indexedDB.databases()) {
      if (!d.name || !d.name.startsWith("vscode-web-state-db")) continue;
      const db = await new Promise((ok, ko) => { const r = indexedDB.open(d.name); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
      for (const store of db.objectStoreNames) {
        all += await new Promise(ok => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(JSON.stringify(r.result)); r.onerror = () => ok(""); });
      }
      db.close();
    }
    return all;
  })()`);
}

/** The page of the workbench open now, for the screenshot of a failure. */
let openPage: Page | undefined;

// A root hook (this module is loaded by every end-to-end file): a failed test leaves a screenshot of
// what VS Code showed at that moment, also where the failing step had none of its own. Only under
// mocha: `npm run start:check` drives its workbench with these helpers too.
if (typeof afterEach === "function") afterEach(async function () {
  const test = this.currentTest;
  if (test?.state !== "failed" || !openPage) return;
  console.log(`      screenshot of the failure: ${await shot(openPage, `e2e-failed-${test.title.slice(0, 40).replace(/\W+/g, "-")}`)}`);
});

/** `beforeWindow`: runs once code-server is up and before its window opens (the extension has not started). */
export type WorkbenchHooks = { beforeWindow?(o: { workspace: string; env: Record<string, string> }): Promise<void> };

/**
 * A copy of the sample workspace (with `settings` as its folder settings), code-server on it, and a
 * page. `env` adds to or overrides the extension host's environment (e.g. another OPENCODE_BIN).
 */
export async function openWorkbench(model: FakeModel, settings: Record<string, unknown> = {}, env: Record<string, string> = {}, hooks: WorkbenchHooks = {}): Promise<{ page: Page; workspace: string; close(): Promise<void>; quitAndRestart(): Promise<void> }> {
  const h = await load(pathToFileURL(path.join(repoRoot, "test", "harness", "codeServer.mjs")).href);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-e2e-"));
  const workspace = path.join(scratch, "sample-workspace");
  fs.cpSync(path.join(repoRoot, "test", "sample-workspace"), workspace, { recursive: true });
  if (Object.keys(settings).length) {
    fs.mkdirSync(path.join(workspace, ".vscode"));
    fs.writeFileSync(path.join(workspace, ".vscode", "settings.json"), JSON.stringify(settings));
  }
  fs.mkdirSync(path.join(scratch, "home"));
  let browser: Browser | undefined, stop: (() => Promise<void>) | undefined;
  const close = async () => {
    openPage = undefined;
    await browser?.close();
    await stop?.();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const csEnv = { HOME: path.join(scratch, "home"), npm_config_registry: "http://127.0.0.1:9/", OPENCODE_BIN: opencodeBin(), OPENCODE_VSCODE_DEMO_MODEL_URL: model.baseUrl, ...env };
    const cs = await h.startCodeServer({ env: csEnv });
    stop = cs.stop;
    await hooks.beforeWindow?.({ workspace, env: { ...csEnv, XDG_CONFIG_HOME: path.join(cs.runDir, "xdg-config"), XDG_DATA_HOME: path.join(cs.runDir, "xdg-data"), XDG_CACHE_HOME: path.join(cs.runDir, "xdg-cache") } });
    browser = await chromium.launch({ executablePath: h.chromiumPath, headless: true, args: h.chromiumArgs });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const url = h.workbenchUrl(cs.url, { folder: workspace, extDir: repoRoot });
    await page.goto(url);
    openPage = page;
    await page.waitForSelector(".monaco-workbench .statusbar", { timeout: 60_000 });
    // Quitting VS Code: the tab leaves the workbench, the server and its extension host end. Then the
    // same user data and browser storage (same origin: same port) again. The caller first waits for
    // the state to be stored (storedState): leaving a page cannot wait for its storage writes.
    const quitAndRestart = async (): Promise<void> => {
      await page.goto("about:blank");
      await stop?.();
      stop = (await h.startCodeServer({ env: csEnv, runDir: cs.runDir, port: cs.port })).stop;
      await page.goto(url);
      await page.waitForSelector(".monaco-workbench .statusbar", { timeout: 60_000 });
    };
    return { page, workspace, close, quitAndRestart };
  } catch (err) {
    await close();
    throw err;
  }
}

type Workbench = Awaited<ReturnType<typeof openWorkbench>>;

/**
 * The fake model and the workbench of one describe block: call it in the block, then `open` once
 * (in `before` or the test). Its `after` closes the workbench, then the model, whatever happened.
 */
export function workbenchFixture(): { open(o?: { settings?: Record<string, unknown>; env?: Record<string, string>; hooks?: WorkbenchHooks }): Promise<Workbench & { model: FakeModel }> } {
  let model: FakeModel | undefined, wb: Workbench | undefined;
  after(async () => {
    await wb?.close();
    await model?.close();
  });
  return {
    async open(o = {}) {
      model = await FakeModel.start();
      wb = await openWorkbench(model, o.settings, o.env, o.hooks);
      return { ...wb, model };
    },
  };
}

/** Opens the chat in an editor tab from the palette; the first try can come before the extension is scanned. */
export async function openChatInEditor(page: Page): Promise<Frame> {
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, "opencode: Open Chat in Editor");
    const chat = await chatFrame(page, 20_000).catch(err => { if (attempt === 3) throw err; return undefined; });
    if (chat) return chat;
  }
}

/** Types a prompt into the chat's composer and sends it with Enter. */
export async function sendPrompt(chat: Frame, text: string): Promise<void> {
  await chat.locator("textarea").click();
  await chat.locator("textarea").pressSequentially(text);
  await chat.locator("textarea").press("Enter");
}

/**
 * Clicks `button` on the notification whose message contains `message`: a toast, or a row of the
 * notification center when that is open (VS Code then puts new notifications there) or when VS Code
 * keeps the notification back (it shows few toasts at once).
 */
export async function clickNotification(page: Page, message: string, button: string, ms = 30_000): Promise<void> {
  const shown = page.locator(".notification-toast, .notifications-center .monaco-list-row").filter({ hasText: message }).first();
  let found = await shown.waitFor({ state: "visible", timeout: ms }).then(() => true, () => false);
  if (!found) {
    await runCommand(page, "Notifications: Show Notifications");
    found = await shown.waitFor({ state: "visible", timeout: 10_000 }).then(() => true, () => false);
  }
  if (!found) throw new Error(`no notification saying ${JSON.stringify(message)} (screenshot: ${await shot(page, "e2e-no-notification")})`);
  await shown.locator(".monaco-button", { hasText: button }).click();
}

/** Clicks `button` on the modal dialog whose text contains `message`. */
export async function clickDialog(page: Page, message: string, button: string, ms = 30_000): Promise<void> {
  const dialog = page.locator(".monaco-dialog-box").filter({ hasText: message });
  try {
    await dialog.waitFor({ state: "visible", timeout: ms });
  } catch {
    throw new Error(`no dialog saying ${JSON.stringify(message)} (screenshot: ${await shot(page, "e2e-no-dialog")})`);
  }
  await dialog.locator(".monaco-button", { hasText: button }).click();
}

/** Right-clicks `target` and chooses `item` from its context menu. */
export async function contextMenu(page: Page, target: Locator, item: string): Promise<void> {
  await target.click({ button: "right" });
  const action = page.locator(".context-view .monaco-menu .action-label", { hasText: item }).first();
  await action.waitFor({ state: "visible", timeout: 10_000 });
  // VS Code's menus ignore a click that comes within moments of their opening (the right button's release).
  await page.waitForTimeout(500);
  await action.click();
}

/** Opens a workspace file by name through Quick Open, as a person does with Ctrl+P, in the active editor group. */
export async function quickOpen(page: Page, name: string): Promise<void> {
  const exactly = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget input", { state: "visible", timeout: 20_000 });
  await page.keyboard.type(name);
  // Enter takes the focused row, which must be the file's own: recently opened editors (a chat tab
  // titled "… greet.ts") are listed too, and results arrive in stages, so settle, then step to it.
  const row = (focused: string) => page.locator(`.quick-input-widget .monaco-list-row${focused}`).filter({ has: page.locator(".label-name", { hasText: exactly }) }).first();
  await row("").waitFor({ state: "visible", timeout: 20_000 });
  await page.waitForTimeout(500);
  for (let down = 0; !(await row(".focused").isVisible()); down++) {
    if (down === 10) throw new Error(`Quick Open did not offer ${name} (screenshot: ${await shot(page, "e2e-no-file")})`);
    await page.keyboard.press("ArrowDown");
  }
  await page.keyboard.press("Enter");
  await page.locator(".editor-group-container.active .tab.active .label-name", { hasText: exactly }).waitFor({ timeout: 20_000 });
}

/** Waits for a quick input whose title contains `title`, then moves down `down` items and presses Enter. */
export async function pickInQuickInput(page: Page, title: string, down: number): Promise<void> {
  const widget = page.locator(".quick-input-widget");
  try {
    await widget.filter({ hasText: title }).waitFor({ state: "visible", timeout: 30_000 });
  } catch {
    throw new Error(`no quick input titled ${JSON.stringify(title)} (screenshot: ${await shot(page, "e2e-no-picker")})`);
  }
  for (let i = 0; i < down; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
}

/** Types into the quick input box that opened after a pick (a title the picker did not have), and submits it. */
export async function typeIntoQuickInput(page: Page, title: string, value: string): Promise<void> {
  await page.locator(".quick-input-widget").filter({ hasText: title }).waitFor({ state: "visible", timeout: 15_000 });
  await page.keyboard.type(value);
  await page.keyboard.press("Enter");
}
