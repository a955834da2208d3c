// The chat header's session picker as a person uses it in a real VS Code (code-server in headless
// chromium) on a folder with more sessions than one page: the picker lists the newest page with
// "Load more…", a title that matches nothing loaded is searched for on the server, and Load more
// reads the older sessions until none are left. The sessions are made before the window opens, by
// another opencode on the same data directory (as the TUI would leave them).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { Frame, Page } from "playwright-core";
import { ServerSupervisor } from "../../src/server/supervisor";
import { versionOf } from "../../src/server/binary";
import { OpencodeApi } from "../../src/protocol/api";
import { opencodeBin, repoRoot } from "../paths";
import { openChatInEditor, shot, workbenchFixture } from "./workbench";

/** More than one page of the list (50): the oldest ones are only reachable by Load more or a search. */
const fillers = 55;

async function seedSessions(workspace: string, env: Record<string, string>): Promise<void> {
  const bin = opencodeBin();
  const version = await versionOf(bin, 60_000);
  const supervisor = new ServerSupervisor({
    folder: workspace, log: () => {}, watchdogScript: path.join(repoRoot, "dist", "watchdog.js"),
    findBinary: async () => ({ path: bin, version, source: "OPENCODE_BIN" }),
    spawnEnv: () => ({ ...env, PATH: process.env.PATH, OPENCODE_DISABLE_AUTOUPDATE: "1" }),
  });
  try {
    const endpoint = await supervisor.ensureRunning();
    const api = new OpencodeApi(async () => endpoint, workspace);
    // Oldest first: the tomato session ends up below the first page.
    await api.createSession({ title: "Tomato planting notes" });
    for (let i = 1; i <= fillers; i++) await api.createSession({ title: `Filler ${String(i).padStart(2, "0")}` });
  } finally {
    await supervisor.dispose();
  }
}

const picker = (page: Page) => page.locator(".quick-input-widget").filter({ hasText: "opencode sessions" });
const pickRow = (page: Page, text: string) => picker(page).locator(".monaco-list-row", { hasText: text }).first();

async function openPicker(page: Page, chat: Frame): Promise<void> {
  await chat.locator("button.title").click();
  await picker(page).waitFor({ state: "visible", timeout: 30_000 });
  await pickRow(page, "Filler 55").waitFor({ timeout: 30_000 });
}

describe("end to end in VS Code: the chat header's session picker beyond one page", function () {
  this.timeout(300_000);
  const workbench = workbenchFixture();

  it("finds an old session by a server search, and Load more reads the older ones", async () => {
    const wb = await workbench.open({ hooks: { beforeWindow: o => seedSessions(o.workspace, o.env) } });
    const { page } = wb;
    const chat = await openChatInEditor(page);

    await openPicker(page, chat);
    // The list is virtual: a filter brings its end, "Load more…" (always shown), on screen.
    await page.keyboard.type("Filler 5");
    await pickRow(page, "Load more…").waitFor({ timeout: 10_000 });
    assert.equal(await pickRow(page, "Tomato planting notes").count(), 0);
    // Nothing loaded matches: the picker asks the server, and the old session appears.
    await page.keyboard.press("Control+A");
    await page.keyboard.type("tomato");
    await pickRow(page, "Tomato planting notes").waitFor({ timeout: 30_000 });
    console.log(`      screenshot: ${await shot(page, "e2e-picker-searched")}`);
    await page.keyboard.press("Enter");
    await chat.locator("button.title", { hasText: "Tomato planting notes" }).waitFor({ timeout: 30_000 });

    await openPicker(page, chat);
    await page.keyboard.type("Filler 5");
    await pickRow(page, "Load more…").click();
    // The second page holds the rest: nothing more to load, and the oldest filler is listed.
    await pickRow(page, "Load more…").waitFor({ state: "detached", timeout: 30_000 });
    await page.keyboard.press("Control+A");
    await page.keyboard.type("Filler 01");
    await pickRow(page, "Filler 01").waitFor({ timeout: 10_000 });
    console.log(`      screenshot: ${await shot(page, "e2e-picker-loaded")}`);
    await page.keyboard.press("Escape");
  });
});
