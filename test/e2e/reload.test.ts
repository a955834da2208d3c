// End to end, as a person uses it: a real VS Code (code-server 1.100.3) in headless chromium with the
// extension loaded, real opencode, the fake model. The extension host cannot test a window reload
// from inside (the reload ends it), so this drives the browser from outside: open the chat in an
// editor tab from the command palette, type a prompt into the webview and press Enter, then reload
// the window (Developer: Reload Window, which in VS Code for the web waits for its state to be
// stored; a bare page reload may lose the last minute of it) and check the tab comes back (the
// serializer) with the conversation in it: first the one the webview saved, while opencode is held
// back from starting, then the server's.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Page } from "playwright-core";
import { opencodeBin } from "../paths";
import { openChatInEditor, runCommand, sendPrompt, shot, waitForTab, waitForText, workbenchFixture } from "./workbench";

/**
 * opencode behind a gate the test holds: while the FIFO `gate` exists, `opencode serve` waits for a
 * line from it before it starts, so "the server is not back yet" is a fact, not a race. The version
 * check passes (it has a 15 s timeout of its own; `serve` has the 60 s start timeout).
 */
function gatedOpencode(dir: string): { bin: string; hold(): void; release(): void } {
  const gate = path.join(dir, "gate"), bin = path.join(dir, "opencode");
  fs.writeFileSync(bin, `#!/bin/sh\nif [ "$1" = serve ] && [ -p "${gate}" ]; then read _ < "${gate}"; fi\nexec "${opencodeBin()}" "$@"\n`, { mode: 0o755 });
  let fd: number | undefined;
  return {
    bin,
    // Read-write, so opening it never blocks and a start's read waits for the lines, not for a writer.
    hold: () => { execFileSync("mkfifo", [gate]); fd = fs.openSync(gate, fs.constants.O_RDWR); },
    // Unlinked first: later starts pass; the ones waiting each read one line.
    release: () => { fs.unlinkSync(gate); fs.writeSync(fd!, "go\n".repeat(32)); fs.closeSync(fd!); },
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

describe("end to end in VS Code: a chat survives a window reload", function () {
  this.timeout(240_000);
  let gate: ReturnType<typeof gatedOpencode> | undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-gate-"));
  // Registered first, so it runs first: a held server is let go before the workbench closes.
  after(async () => {
    try { gate?.release(); } catch { /* released already */ }
  });
  const workbench = workbenchFixture();
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("types a prompt, reloads, shows the saved conversation while the server is held back, then the server's", async () => {
    gate = gatedOpencode(dir);
    const wb = await workbench.open({ env: { OPENCODE_BIN: gate.bin } });
    const { model } = wb;
    model.handle(() => ({ kind: "text", chunks: ["The reply ", "survives reloads ✓"] }));
    const page = wb.page;
    const chat = await openChatInEditor(page);
    await sendPrompt(chat, "Does this survive a reload?");
    await waitForText(page, "The reply survives reloads ✓");
    await waitForText(page, "Does this survive a reload?");
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
});
