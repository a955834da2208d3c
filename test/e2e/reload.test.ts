// End to end, as a person uses it: a real VS Code (code-server 1.100.3) in headless chromium with the
// extension loaded, real opencode, the fake model. The extension host cannot test a window reload
// from inside (the reload ends it), so this drives the browser from outside: open the chat in an
// editor tab from the command palette, type a prompt into the webview and press Enter (while opencode
// is held back from starting: the prompt shows at once and waits for it), then reload
// the window (Developer: Reload Window, which in VS Code for the web waits for its state to be
// stored; a bare page reload may lose the last minute of it) and check the tab comes back (the
// serializer) with the conversation in it: first the one the webview saved, while opencode is held
// back from starting, then the server's. Last, a prompt whose server fails to start comes back
// to the composer.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { opencodeBin } from "../paths";
import { chatFrame, openChatInEditor, runCommand, sendPrompt, shot, waitForTab, waitForText, workbenchFixture } from "./workbench";

/**
 * opencode behind a gate the test holds: while the FIFO `gate` exists, `opencode serve` waits for a
 * line from it before it starts, so "the server is not back yet" is a fact, not a race. The version
 * check passes (it has a 15 s timeout of its own; `serve` has the 60 s start timeout).
 */
function gatedOpencode(dir: string): { bin: string; hold(): void; release(): void; failStarts(on: boolean): void } {
  const gate = path.join(dir, "gate"), bin = path.join(dir, "opencode"), fail = path.join(dir, "fail");
  fs.writeFileSync(bin, `#!/bin/sh\nif [ "$1" = serve ] && [ -e "${fail}" ]; then echo "serve refused by the test" >&2; exit 3; fi\nif [ "$1" = serve ] && [ -p "${gate}" ]; then read _ < "${gate}"; fi\nexec "${opencodeBin()}" "$@"\n`, { mode: 0o755 });
  let fd: number | undefined;
  return {
    bin,
    // Read-write, so opening it never blocks and a start's read waits for the lines, not for a writer.
    hold: () => { execFileSync("mkfifo", [gate]); fd = fs.openSync(gate, fs.constants.O_RDWR); },
    // Unlinked first: later starts pass; the ones waiting each read one line.
    release: () => { fs.unlinkSync(gate); fs.writeSync(fd!, "go\n".repeat(32)); fs.closeSync(fd!); },
    // While on, `opencode serve` exits at once with an error, as a broken install would.
    failStarts: on => (on ? fs.writeFileSync(fail, "") : fs.rmSync(fail, { force: true })),
  };
}

type ChatShows = { text: string; restoring: boolean; busy: boolean };
type Doc = { document: { getElementById(id: string): { innerText: string } | null; querySelector(s: string): unknown } };

/** Waits until a chat webview's DOM satisfies `ok` (webviews are nested iframes: every frame is looked at). */
async function waitForChat(page: Page, ok: (s: ChatShows) => boolean, what: string, ms = 60_000): Promise<ChatShows> {
  const deadline = Date.now() + ms;
  let seen: ChatShows | undefined;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      const s = await f.evaluate(() => {
        const d = (globalThis as unknown as Doc).document;
        const root = d.getElementById("root");
        return root && { text: root.innerText, restoring: d.querySelector(".restoring-note") !== null, busy: d.querySelector(".header .busy") !== null };
      }).catch(() => null);
      if (s && ok(s)) return s;
      seen = s ?? seen;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no chat webview showed ${what}; last seen: ${JSON.stringify(seen)?.slice(0, 600)} (screenshot: ${await shot(page, "e2e-reload")})`);
}

/** Clicks the button named `name` in whichever chat webview shows it. */
async function clickInChat(page: Page, name: string): Promise<void> {
  for (const f of page.frames()) {
    const button = f.getByRole("button", { name });
    if (await button.count().catch(() => 0)) return button.click();
  }
  throw new Error(`no chat webview has a ${name} button (screenshot: ${await shot(page, "e2e-no-button")})`);
}

describe("end to end in VS Code: a prompt while opencode starts or fails to, and a window reload", function () {
  this.timeout(240_000);
  let gate: ReturnType<typeof gatedOpencode> | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-gate-"));
  // Registered first, so it runs first: a held server is let go before the workbench closes.
  after(async () => {
    try { gate?.release(); } catch { /* released already */ }
  });
  const workbench = workbenchFixture();
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  let page: Page;

  it("a prompt sent while opencode is still starting shows at once, then its reply", async () => {
    gate = gatedOpencode(dir);
    // Held from the start: opening the chat starts the server, which waits at the gate.
    gate.hold();
    const wb = await workbench.open({ env: { OPENCODE_BIN: gate.bin } });
    wb.model.handle(() => ({ kind: "text", chunks: ["The reply ", "survives reloads ✓"] }));
    page = wb.page;
    const chat = await openChatInEditor(page);
    await sendPrompt(chat, "Does this survive a reload?");
    const sending = await waitForChat(page, s => s.text.includes("Does this survive a reload?"), "the prompt while the server is held back");
    assert.match(sending.text, /Starting opencode…/);
    assert.equal(await chat.locator("textarea").inputValue(), "", "the prompt left the composer");

    gate.release();
    await waitForText(page, "The reply survives reloads ✓");
    const done = await waitForChat(page, s => !s.busy && s.text.includes("The reply survives reloads ✓"), "the turn over");
    assert.equal(done.text.split("Does this survive a reload?").length - 1, 1, `the prompt once, as the conversation's message: ${done.text.slice(0, 400)}`);
    assert.doesNotMatch(done.text, /Starting opencode…|Sending…/);
  });

  it("reloads, shows the saved conversation while the server is held back, then the server's", async () => {
    assert.ok(gate && page, "the first test opened the workbench");
    // The tab is named after the session, whose title the fake model's title request returns.
    await waitForTab(page, "Scripted title");
    // The webview saves what it shows at once when a turn is over (while it streams, once a second).
    await waitForChat(page, s => !s.busy && s.text.includes("The reply survives reloads ✓"), "the turn over");

    gate.hold();
    const reloaded = page.waitForEvent("load", { timeout: 60_000 });
    await runCommand(page, "Developer: Reload Window");
    await reloaded;
    await page.waitForSelector(".monaco-workbench .statusbar", { timeout: 60_000 });
    // opencode cannot have started: what shows is what the webview saved, marked as restoring.
    const saved = await waitForChat(page, s => s.text.includes("The reply survives reloads ✓"), "the saved conversation");
    assert.ok(saved.restoring, "marked as restoring");
    assert.match(saved.text, /Does this survive a reload\?/);

    gate.release();
    const live = await waitForChat(page, s => !s.restoring && s.text.includes("The reply survives reloads ✓"), "the server's conversation", 120_000);
    assert.equal(live.text.split("The reply survives reloads ✓").length - 1, 1, "the reply once");
    const tabs = await waitForTab(page, "Scripted title", 15_000);
    assert.equal(tabs.filter(t => t.includes("Scripted title")).length, 1, `one chat tab is back: ${JSON.stringify(tabs)}`);
  });

  it("a prompt whose server cannot start goes back to the composer, and is there once it starts", async () => {
    assert.ok(gate && page, "the first test opened the workbench");
    gate.failStarts(true);
    await runCommand(page, "opencode: Stop Server");
    await waitForChat(page, s => !/Connected|Server starting/.test(s.text), "the server stopped");
    await sendPrompt(await chatFrame(page), "Keep this prompt");
    // The chat names why: opencode's exit and what it printed.
    await waitForChat(page, s => /opencode exited \(3\).*Last output: serve refused by the test/.test(s.text), "the start's error");
    gate.failStarts(false);
    // While the server is down the composer makes way for the error and its Start Server button.
    const start = await waitForChat(page, s => s.text.includes("Start Server"), "Start Server in the chat");
    assert.doesNotMatch(start.text, /Keep this prompt/, "not shown as sent");
    await clickInChat(page, "Start Server");
    const back = await chatFrame(page);
    await back.locator("textarea").waitFor();
    assert.equal(await back.locator("textarea").inputValue(), "Keep this prompt", `the prompt is back (screenshot: ${await shot(page, "e2e-prompt-back")})`);
  });
});
