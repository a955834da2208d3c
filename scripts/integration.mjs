// Runs the integration suite (out/test/integration) in a real VS Code through @vscode/test-electron's
// runTests. Back ends:
//   electron     desktop VS Code downloaded by test-electron (needs internet or a cached build, and a display)
//   code-server  code-server 4.100.3 = VS Code 1.100.3, offline (test/harness/vscode-shim.sh)
//   auto         electron when a desktop build is cached or downloadable, else code-server.
// Never a silent pass: when neither can start, it fails with what to install.
import * as fs from "node:fs";
import * as https from "node:https";
import * as os from "node:os";
import * as path from "node:path";
import { runTests } from "@vscode/test-electron";
import { repoRoot, harnessProblem, codeServerVersion } from "../test/harness/codeServer.mjs";

const desktopVersion = process.env.VSCODE_TEST_VERSION || "1.100.3";   // the engine minimum, = code-server's build
const cachePath = path.join(repoRoot, ".vscode-test");

function desktopCached() {
  try { return fs.readdirSync(cachePath).some(d => /^vscode-(linux|darwin|win32)/.test(d) && fs.existsSync(path.join(cachePath, d, "is-complete"))); }
  catch { return false; }
}
function desktopDownloadable(ms = 4000) {
  return new Promise(resolve => {
    const req = https.request("https://update.code.visualstudio.com/api/releases/stable", { method: "HEAD", timeout: ms }, res => { res.resume(); resolve(res.statusCode < 500); });
    req.on("timeout", () => { req.destroy(); resolve(false); });
    req.on("error", () => resolve(false));
    req.end();
  });
}

export async function chooseBackend(requested = process.env.VSCODE_TEST_BACKEND || "auto") {
  if (requested !== "auto") return requested;
  if (desktopCached() || await desktopDownloadable()) return "electron";
  return "code-server";
}

/** The sample workspace, copied so the tests (and opencode) can write to it freely. */
export function freshWorkspace(name = "sample-workspace") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-ws-"));
  const target = path.join(dir, name);
  fs.cpSync(path.join(repoRoot, "test", "sample-workspace"), target, { recursive: true });
  return target;
}

/** A multi-root workspace of two sample folders ("api" and "web"): its .code-workspace file. */
export function freshMultiRootWorkspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-mr-"));
  for (const name of ["api", "web"]) fs.cpSync(path.join(repoRoot, "test", "sample-workspace"), path.join(dir, name), { recursive: true });
  const file = path.join(dir, "two-folders.code-workspace");
  fs.writeFileSync(file, JSON.stringify({ folders: [{ path: "api" }, { path: "web" }] }, null, 2));
  return file;
}

/**
 * @param {{ backend: string, suite: "trusted" | "untrusted", resultsFile: string, target?: string }} o
 * @returns {Promise<number>} the suite's exit code (non-zero when VS Code could not run it)
 */
export async function runIntegration(o) {
  const extensionDevelopmentPath = repoRoot;
  const extensionTestsPath = path.join(repoRoot, "out", "test", "integration", "index.js");
  const trust = o.suite === "untrusted";   // workspace trust on, and the folder not trusted
  // The main suite runs multi-root: every folder must get its own server.
  const target = o.target ?? (trust ? freshWorkspace() : freshMultiRootWorkspace());
  const extensionTestsEnv = { OPENCODE_VSCODE_TEST: "1", OPENCODE_TEST_RESULTS: o.resultsFile, OPENCODE_INTEGRATION_SUITE: o.suite,
    ...(process.env.MOCHA_GREP ? { MOCHA_GREP: process.env.MOCHA_GREP } : {}) };
  const launchArgs = [target, "--disable-extensions", "--skip-welcome", "--skip-release-notes", ...(trust ? [] : ["--disable-workspace-trust"])];
  if (o.backend === "code-server") {
    const problem = harnessProblem();
    if (problem) { console.error(`[integration] cannot start VS Code: ${problem}`); return 3; }
    console.log(`[integration] VS Code ${codeServerVersion()} via code-server (offline back end), headless chromium`);
    // runTests passes extensionTestsEnv to the "executable", which passes its env on to code-server.
    Object.assign(process.env, extensionTestsEnv);
    if (trust) process.env.OPENCODE_HARNESS_TRUST = "1"; else delete process.env.OPENCODE_HARNESS_TRUST;
    return runTests({ vscodeExecutablePath: path.join(repoRoot, "test", "harness", "vscode-shim.sh"), extensionDevelopmentPath, extensionTestsPath, launchArgs, extensionTestsEnv })
      .then(() => 0, err => { console.error(`[integration] ${err?.message ?? err}`); return typeof err?.code === "number" ? err.code : 1; });
  }
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error("[integration] desktop VS Code needs a display: run the tests under `xvfb-run -a` (apt-get install -y xvfb), or set VSCODE_TEST_BACKEND=code-server");
    return 3;
  }
  console.log(`[integration] desktop VS Code ${desktopVersion} via @vscode/test-electron`);
  return runTests({ version: desktopVersion, cachePath, extensionDevelopmentPath, extensionTestsPath, launchArgs, extensionTestsEnv })
    .then(() => 0, err => { console.error(`[integration] ${err?.message ?? err}`); return 1; });
}
