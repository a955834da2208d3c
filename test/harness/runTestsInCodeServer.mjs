#!/usr/bin/env node
// Runs an extension's mocha suite (an extensionTestsPath entry exporting run()) inside code-server's
// real Node extension host, through VS Code's own web test hook: the workbench URL's `payload` names
// extensionDevelopmentPath + extensionTestsPath, and the workbench reports the exit code through
// window.codeAutomationExit. Headless Debian chromium, driven by playwright-core, hosts the workbench.
//
// usage: runTestsInCodeServer.mjs --ext DIR --tests ENTRY.js (--folder DIR | --workspace FILE.code-workspace)
//        [--trust] [--timeout S] [--shot FILE.png]
// exit:  the suite's exit code; 124 on timeout; 3 when VS Code could not be started at all.
import * as fs from "node:fs";
import * as path from "node:path";
import * as util from "node:util";
import { chromium } from "playwright-core";
import { startCodeServer, workbenchUrl, chromiumPath, chromiumArgs } from "./codeServer.mjs";

const { values: a } = util.parseArgs({ options: {
  ext: { type: "string" }, tests: { type: "string" }, folder: { type: "string" }, workspace: { type: "string" },
  trust: { type: "boolean", default: false }, timeout: { type: "string", default: "900" }, shot: { type: "string" },
} });
// Workbench chatter that says nothing about the tests.
const workbenchNoise = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore)/;
const log = m => console.log(`[code-server] ${m}`);
const t0 = Date.now();

let cs;
try {
  cs = await startCodeServer({ trust: a.trust, log });
} catch (err) {
  console.error(`[code-server] FAILED to start VS Code: ${err.message}`);
  process.exit(3);
}

let exitCode = 3;
let browser;
try {
  const profile = fs.mkdtempSync(path.join(cs.runDir, "chromium-"));
  browser = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, viewport: { width: 1280, height: 800 }, args: chromiumArgs });
  const page = browser.pages()[0] ?? await browser.newPage();
  let finish;
  const finished = new Promise(r => { finish = r; });
  // The workbench calls these instead of closing a window: extension host output, then the exit code.
  await page.exposeFunction("codeAutomationLog", (type, args) => {
    const line = util.format(...(args ?? []));
    if (!workbenchNoise.test(line)) (type === "error" ? console.error : console.log)(line);
  });
  await page.exposeFunction("codeAutomationExit", code => finish(code));
  page.on("pageerror", e => console.log(`[workbench pageerror] ${e.message}`));
  const foreign = new Set();
  // *.vscode-resource.vscode-cdn.net is the webview resource origin, answered by the workbench's own
  // service worker from the local server; anything else would be a real outside request.
  browser.on("request", r => {
    const u = new URL(r.url());
    if (/^(https?|wss?):$/.test(u.protocol) && !["127.0.0.1", "localhost"].includes(u.hostname) && !u.hostname.endsWith(".vscode-resource.vscode-cdn.net")) foreign.add(u.host);
  });

  const url = workbenchUrl(cs.url, { folder: a.folder && path.resolve(a.folder), workspaceFile: a.workspace && path.resolve(a.workspace), extDir: path.resolve(a.ext), testsEntry: path.resolve(a.tests) });
  log(`opening the workbench (trust ${a.trust ? "on" : "off"})`);
  const timeout = new Promise(r => setTimeout(r, Number(a.timeout) * 1000, "timeout"));
  await Promise.race([page.goto(url), timeout]);
  const result = await Promise.race([finished, timeout]);
  if (a.shot) await page.screenshot({ path: a.shot }).catch(e => log(`screenshot failed: ${e.message}`));
  if (foreign.size) log(`the browser asked for non-local hosts: ${[...foreign].join(", ")}`);
  if (result === "timeout") { log(`TIMEOUT after ${a.timeout} s: the suite never reported an exit code`); exitCode = 124; }
  else { exitCode = Number(result); log(`suite exit code ${exitCode} after ${((Date.now() - t0) / 1000).toFixed(1)} s`); }
} catch (err) {
  console.error(`[code-server] driver error: ${err.stack ?? err}`);
  exitCode = 3;
} finally {
  await browser?.close().catch(() => {});
  await cs.stop();
  if (exitCode === 0 && !process.env.KEEP_RUN_DIR) fs.rmSync(cs.runDir, { recursive: true, force: true });
  else log(`kept ${cs.runDir} (code-server.log; user-data/logs/*/exthost*/ has the extension host log)`);
}
process.exit(exitCode);
