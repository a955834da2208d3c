// Starts code-server 4.100.3 (= VS Code 1.100.3: the real workbench and the real Node extension host)
// on a random loopback port with every directory it writes inside a throwaway run dir. Used by the
// integration runner and by `npm start`. Installed by .ci/install-vscode-harness.sh.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const harnessDir = process.env.VSCODE_HARNESS_DIR || path.join(repoRoot, ".vscode-test", "code-server");
export const codeServerEntry = path.join(harnessDir, "node_modules", "code-server", "out", "node", "entry.js");
export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Chromium flags that keep a headless run off the (closed) network and quiet. */
export const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export function harnessProblem() {
  if (!fs.existsSync(codeServerEntry)) return `code-server is not installed in ${harnessDir}: run \`bash .ci/install-vscode-harness.sh\``;
  if (!fs.existsSync(chromiumPath)) return `chromium is not installed at ${chromiumPath}: run \`bash .ci/apt-packages.sh\` to see the apt-get line`;
  return undefined;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once("error", reject).listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

const baseSettings = {
  "workbench.startupEditor": "none",        // the walkthrough would steal focus from palette-driven tests
  "workbench.tips.enabled": false,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "git.openRepositoryInParentFolders": "never",  // sample workspaces live inside this repository
};

/**
 * @param {{ trust?: boolean, settings?: object, env?: object, log?: (s: string) => void, runDir?: string, userDirs?: boolean, port?: number }} o
 *   trust: keep workspace trust on (untrusted-workspace tests); off by default, as in test-electron runs.
 *   port: a fixed port, for a run that reuses browser state across servers (the origin keys it).
 */
export async function startCodeServer(o = {}) {
  const problem = harnessProblem();
  if (problem) throw new Error(problem);
  const runDir = o.runDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cs-run-"));
  fs.mkdirSync(path.join(runDir, "user-data", "User"), { recursive: true });
  fs.writeFileSync(path.join(runDir, "user-data", "User", "settings.json"),
    JSON.stringify({ ...baseSettings, "security.workspace.trust.enabled": !!o.trust, ...o.settings }, null, 2));
  const port = o.port ?? await freePort();
  const args = [codeServerEntry, "--config", path.join(runDir, "config.yaml"), "--auth", "none", "--bind-addr", `127.0.0.1:${port}`,
    "--user-data-dir", path.join(runDir, "user-data"), "--extensions-dir", path.join(runDir, "extensions"),
    "--disable-telemetry", "--disable-update-check", "--disable-getting-started-override", "--disable-proxy", "--ignore-last-opened",
    ...(o.trust ? [] : ["--disable-workspace-trust"])];
  const logFile = path.join(runDir, "code-server.log");
  const out = fs.openSync(logFile, "a");
  // The XDG dirs are the run's own unless `userDirs`: then the opencode the extension spawns reads the
  // user's own credentials and config (`opencode auth login`), as it does outside this harness.
  const xdg = o.userDirs ? {} : { XDG_CONFIG_HOME: path.join(runDir, "xdg-config"), XDG_DATA_HOME: path.join(runDir, "xdg-data"), XDG_CACHE_HOME: path.join(runDir, "xdg-cache") };
  const env = { ...process.env, ...o.env, EXTENSIONS_GALLERY: "{}", ...xdg };   // EXTENSIONS_GALLERY: no open-vsx gallery requests
  // Own process group, so stop() also reaches the extension host and everything it spawned.
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", out, out], detached: true });
  const exited = new Promise(r => child.once("exit", (code, sig) => r(code ?? sig)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try { process.kill(-child.pid, "SIGTERM"); } catch { /* gone */ }
    const timeout = new Promise(r => setTimeout(r, 5000, "timeout"));
    if (await Promise.race([exited, timeout]) === "timeout") { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }
    fs.closeSync(out);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${url}/healthz`).then(r => r.ok, () => false);
    if (ok) break;
    const gone = await Promise.race([exited, new Promise(r => setTimeout(r, 150, undefined))]);
    if (gone !== undefined || Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not start (${gone ?? "timeout"}):\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`);
    }
  }
  o.log?.(`code-server (VS Code 1.100.3) on ${url}, run dir ${runDir}`);
  return { url, port, runDir, logFile, stop, exited, version: codeServerVersion() };
}

export function codeServerVersion() {
  try { return JSON.parse(fs.readFileSync(path.join(harnessDir, "node_modules", "code-server", "lib", "vscode", "package.json"), "utf8")).version; }
  catch { return "unknown"; }
}

/** The workbench URL that loads `extDir` as a development extension (and runs tests when given). */
export function workbenchUrl(base, { folder, workspaceFile, extDir, testsEntry }) {
  const host = new URL(base).host;
  const remote = p => `vscode-remote://${host}${p}`;
  const payload = [["extensionDevelopmentPath", remote(extDir)], ["skipWelcome", "true"]];
  if (testsEntry) payload.push(["extensionTestsPath", remote(testsEntry)]);
  const target = workspaceFile ? `workspace=${encodeURIComponent(workspaceFile)}` : `folder=${encodeURIComponent(folder)}`;
  return `${base}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
