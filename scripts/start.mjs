// `npm start`: build, make sure the VS Code harness is installed, and open a real VS Code (code-server
// 1.100.3) with this extension loaded as a development extension on the sample workspace. Prints the
// URL and runs until Ctrl+C. With no opencode of your own it uses the pinned one from node_modules;
// with no model provider configured it serves a scripted local model (the extension shows a banner).
// `npm run start:check` (--check) does the same headless, always with the scripted model: opens the
// chat, sends a prompt, waits for the scripted reply, saves a screenshot to
// test-results/start-check.png and exits (0 only when the reply was on screen).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";
import { repoRoot, startCodeServer, workbenchUrl, chromiumPath, chromiumArgs } from "../test/harness/codeServer.mjs";

const check = process.argv.includes("--check");
/** How the demo model's reply ends (plain text, so the same on screen): the check waits for the whole reply. */
const demoReplyEnd = "and restart to talk to a real model.";
const log = m => console.log(`[start] ${m}`);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: repoRoot, stdio: "inherit" }).status === 0;

if (!run("bash", [".ci/apt-packages.sh", "--check"])) process.exit(1);
if (!run("bash", [".ci/install-vscode-harness.sh"])) process.exit(1);
if (!run(process.execPath, ["esbuild.mjs", "--tests"])) process.exit(1);

// The extension always gets an absolute opencode: the extension host in code-server takes PATH from
// a login shell, which has none of the node_modules/.bin folders npm put on this script's PATH.
const env = { OPENCODE_BIN: chooseOpencode() };

// The check always talks to the scripted model, so it answers the same on every machine; `npm start`
// uses your provider when you have one.
let model;
if (!check && hasProvider()) log("model provider: yours (opencode auth or a provider API key was found)");
else {
  const { FakeModel } = createRequire(import.meta.url)(path.join(repoRoot, "out", "test", "fakes", "fakeModel.js"));
  model = await FakeModel.start();
  model.handle(demoReply);
  env.OPENCODE_VSCODE_DEMO_MODEL_URL = model.baseUrl;
  log(check ? `model provider: the scripted local model (${model.baseUrl}), whatever this machine has configured`
    : `model provider: none configured, so a scripted local model answers (${model.baseUrl}); run \`opencode auth login\` for a real one`);
}

const workspace = path.join(repoRoot, ".vscode-test", "sample-workspace");
if (!fs.existsSync(workspace)) fs.cpSync(path.join(repoRoot, "test", "sample-workspace"), workspace, { recursive: true });

// With the user's provider, opencode must see the user's own credentials and config dirs.
const cs = await startCodeServer({ env, log, runDir: check ? undefined : path.join(repoRoot, ".vscode-test", "start"), userDirs: !model });
const url = workbenchUrl(cs.url, { folder: workspace, extDir: repoRoot });
const shutdown = async code => {
  await cs.stop();
  await model?.close();
  // The check's VS Code profile and opencode data are throwaway; `npm start` keeps its own in .vscode-test/start.
  if (check) try { fs.rmSync(cs.runDir, { recursive: true, force: true, maxRetries: 5 }); } catch (err) { log(`left ${cs.runDir}: ${err.message}`); }
  process.exit(code);
};
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

if (!check) {
  log(`VS Code ${cs.version} with the extension on ${workspace}:`);
  console.log(`\n    ${url}\n`);
  log("open that URL in a browser (from another machine: forward the port first, e.g. ssh -L). Ctrl+C stops.");
} else {
  await shutdown(await smokeCheck(url).then(() => 0, err => { console.error(`[start] check FAILED: ${err.message}`); return 1; }));
}

/**
 * Yours when you have one that answers with a version the extension supports (OPENCODE_BIN, else the
 * first opencode on PATH outside npm's node_modules/.bin folders of this repository and its parents),
 * else the pinned one: a 2.x of yours would only get the extension's refusal.
 */
function chooseOpencode() {
  const pinned = path.join(repoRoot, "node_modules", ".bin", "opencode");
  const own = process.env.OPENCODE_BIN ? path.resolve(process.env.OPENCODE_BIN) : ownOnPath();
  const ownVersion = own && versionOf(own);
  if (ownVersion && supported(ownVersion)) { log(`opencode: yours, ${own}`); return own; }
  if (ownVersion) log(`opencode: ${own} is opencode ${ownVersion.join(".")}, outside the supported 1.x from 1.17.0 on, so it is not used`);
  else if (own) log(`opencode: ${own} does not answer \`opencode --version\`, so it is not used`);
  if (!versionOf(pinned)) { console.error(`[start] the pinned opencode (${pinned}) does not run: run \`npm ci\``); process.exit(1); }
  log(`opencode: none of your own, using the pinned one: ${pinned}`);
  return pinned;
}

function ownOnPath() {
  const real = p => { try { return fs.realpathSync(p); } catch { return path.resolve(p); } };
  const npmBins = new Set();
  for (let dir = repoRoot; ; dir = path.dirname(dir)) {
    npmBins.add(real(path.join(dir, "node_modules", ".bin")));
    if (dir === path.dirname(dir)) break;
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir || npmBins.has(real(dir))) continue;
    const candidate = path.resolve(dir, "opencode");
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch { /* not here */ }
  }
  return undefined;
}

/** As the extension reads a candidate: the version `--version` prints on its last line, as numbers. */
function versionOf(bin) {
  const r = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 30_000, env: { ...process.env, OPENCODE_DISABLE_AUTOUPDATE: "1" } });
  const last = r.status === 0 ? r.stdout.trim().split(/\r?\n/).at(-1).trim() : "";
  const m = /^(?:opencode\s+)?v?(\d+)\.(\d+)\.(\d+)/.exec(last);
  return m ? m.slice(1, 4).map(Number) : undefined;
}

/** The extension's range (src/server/version.ts): 1.x from 1.17.0 on; it refuses others. */
const supported = ([major, minor]) => major === 1 && minor >= 17;

/** A provider is configured when opencode has stored auth or a well-known provider key is set. */
function hasProvider() {
  const dataHome = process.env.XDG_DATA_HOME || path.join(os.homedir(), ".local", "share");
  try {
    if (Object.keys(JSON.parse(fs.readFileSync(path.join(dataHome, "opencode", "auth.json"), "utf8"))).length) return true;
  } catch { /* no stored auth */ }
  return ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENROUTER_API_KEY", "GEMINI_API_KEY", "GOOGLE_GENERATIVE_AI_API_KEY", "GROQ_API_KEY", "XAI_API_KEY"]
    .some(k => process.env[k]);
}

function demoReply(req) {
  const last = [...(req.body.messages ?? [])].reverse().find(m => m.role === "user");
  const said = typeof last?.content === "string" ? last.content : JSON.stringify(last?.content ?? "").slice(0, 200);
  return { kind: "text", delayMs: 30, chunks: ["Hi! I am the **demo model**: scripted and offline, ", "so I can only echo you. ",
    `You said: “${said.slice(0, 200)}”. `, `Run \`opencode auth login\` ${demoReplyEnd}`] };
}

/**
 * Headless, as a person would: open the chat from the palette, type a prompt, wait for the demo
 * model's reply to show in the webview (the helpers of the end-to-end tests), screenshot it.
 */
async function smokeCheck(target) {
  const wb = createRequire(import.meta.url)(path.join(repoRoot, "out", "test", "e2e", "workbench.js"));
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const shot = path.join(repoRoot, "test-results", "start-check.png");
  fs.mkdirSync(path.dirname(shot), { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(target);
    await page.waitForSelector(".monaco-workbench .statusbar", { timeout: 60_000 });
    const chat = await wb.openChatInEditor(page);
    await wb.sendPrompt(chat, "Hello from npm run start:check");
    await wb.waitForText(page, demoReplyEnd, 120_000);
    log(`demo reply seen in the chat, to its end: ${JSON.stringify(demoReplyEnd)}`);
  } catch (err) {
    // What a person would read in the chat says more than which step gave up (e.g. opencode not found).
    const shown = await Promise.all(page.frames().map(f => f.evaluate(() => document.getElementById("root")?.innerText ?? "").catch(() => "")));
    const chatText = shown.find(t => t.trim()) ?? "";
    throw new Error(`${err.message}${chatText ? `\n  the chat shows: ${JSON.stringify(chatText.slice(0, 600))}` : ""}`);
  } finally {
    await page.screenshot({ path: shot }).catch(() => undefined);
    log(`screenshot: ${shot}`);
    await browser.close();
  }
}
