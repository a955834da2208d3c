// `npm run start:check` as a newcomer runs it, on a machine with no opencode of their own: npm puts
// this repository's node_modules/.bin first on PATH, but the extension host in code-server takes its
// PATH from a login shell, which has none of npm's entries. The check must still answer a prompt
// (the scripted model's reply on screen), and with the scripted model also when the machine has
// provider credentials, so it never depends on the machine it runs on.
import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { onPath } from "../../src/server/binary";
import { repoRoot } from "../paths";

type Outcome = { code: number | null; output: string };

/** A PATH with node and the system's tools but no opencode: node comes from a directory of its own. */
function pathWithoutOpencode(scratch: string): string {
  const nodeDir = path.join(scratch, "node-bin");
  fs.mkdirSync(nodeDir);
  fs.symlinkSync(process.execPath, path.join(nodeDir, "node"));
  const system = `${nodeDir}:/usr/bin:/bin`;
  assert.equal(onPath("opencode", { PATH: system }), undefined, `this machine has an opencode in ${system}: the test needs a PATH without one`);
  return system;
}

/** The environment `npm run start:check` gets: npm's node_modules/.bin first, then `PATH`, a fresh HOME. */
function npmEnv(scratch: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Nothing of this machine's opencode or provider setup may leak in: the check must stand alone.
  for (const [k, v] of Object.entries(process.env)) if (!/^(XDG_|OPENCODE_|npm_)|_API_KEY$/.test(k)) env[k] = v;
  const home = path.join(scratch, "home");
  fs.mkdirSync(home, { recursive: true });
  return { ...env, HOME: home, PATH: `${path.join(repoRoot, "node_modules", ".bin")}:${pathWithoutOpencode(scratch)}`, ...extra };
}

/** The check running now: a test that times out stops it (it shuts its VS Code down on SIGTERM). */
let running: ChildProcess | undefined;

function startCheck(env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = running = spawn(process.execPath, [path.join(repoRoot, "scripts", "start.mjs"), "--check"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => { output += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { output += d.toString(); });
    child.once("error", reject);
    child.once("close", code => { running = undefined; resolve({ code, output }); });
  });
}

function assertReplied(r: Outcome): void {
  assert.equal(r.code, 0, `npm run start:check failed:\n${r.output.slice(-3000)}`);
  assert.match(r.output, /demo reply seen in the chat/, r.output.slice(-3000));
}

describe("end to end: npm run start:check answers a prompt", function () {
  this.timeout(420_000);
  let scratch = "";
  beforeEach(() => { scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-start-")); });
  afterEach(async () => {
    if (running?.exitCode === null) await new Promise(r => { running!.once("close", r); running!.kill("SIGTERM"); });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("with only the pinned opencode (npm's node_modules/.bin on PATH) and no credentials", async () => {
    assertReplied(await startCheck(npmEnv(scratch, {})));
  });

  it("with the scripted model even when the machine has provider credentials", async () => {
    const env = npmEnv(scratch, { ANTHROPIC_API_KEY: "sk-ant-not-a-real-key" });
    const auth = path.join(env.HOME!, ".local", "share", "opencode", "auth.json");
    fs.mkdirSync(path.dirname(auth), { recursive: true });
    fs.writeFileSync(auth, JSON.stringify({ openai: { type: "api", key: "sk-not-a-real-key" } }));
    assertReplied(await startCheck(env));
  });
});
