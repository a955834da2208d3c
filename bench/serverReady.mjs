// Server ready time: the extension's ServerSupervisor (find binary, free port, spawn under the
// watchdog, "listening" line, health polling) against a bare `opencode serve` polled to its first
// healthy answer, alternating in one run on the same data dir. Goal: ≤ 1.1×.
// Run: node esbuild.mjs --tests && node bench/serverReady.mjs
import { createRequire } from "node:module";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

import { record } from "./report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const { ServerSupervisor } = require(path.join(root, "out/src/server/supervisor.js"));
const { freePort } = require(path.join(root, "out/src/server/ports.js"));
const { isolatedEnv } = require(path.join(root, "out/test/fakes/realOpencode.js"));
const bin = path.join(root, "node_modules/.bin/opencode");
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const goal = 1.1;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-bench-"));
const folder = path.join(scratch, "ws");
fs.mkdirSync(folder);
const env = { ...process.env, ...isolatedEnv(scratch, { autoupdate: false, share: "disabled" }) };

async function extension() {
  const sup = new ServerSupervisor({ folder, log: () => {}, watchdogScript: path.join(root, "dist/watchdog.js"),
    findBinary: async () => ({ path: bin, version: "bench", source: "OPENCODE_BIN" }), spawnEnv: () => env });
  const t0 = performance.now();
  await sup.ensureRunning();
  const ms = performance.now() - t0;
  await sup.dispose();
  return ms;
}

async function bare() {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(bin, ["serve", "--hostname", "127.0.0.1", "--port", String(port)], { cwd: folder, env, stdio: "ignore", detached: true });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/global/health`, { signal: AbortSignal.timeout(1500) }).then(r => r.ok, () => false);
    if (ok) break;
    await new Promise(r => setTimeout(r, 100));
  }
  const ms = performance.now() - t0;
  process.kill(-child.pid, "SIGKILL");
  return ms;
}

const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ext = [], raw = [];
await bare(); // warm the data dir and the page cache for both sides
for (let i = 0; i < rounds; i++) {
  raw.push(await bare());
  ext.push(await extension());
}
fs.rmSync(scratch, { recursive: true, force: true });
const ratio = median(ext) / median(raw);
console.log(`server ready (median of ${rounds}): extension ${median(ext).toFixed(0)} ms, bare opencode serve ${median(raw).toFixed(0)} ms`);
console.log(`ratio ${ratio.toFixed(2)}× (goal ≤ ${goal}×) ${ratio <= goal ? "OK" : "OVER GOAL"}`);
record({ measure: "server ready: the extension's supervisor against bare opencode serve", goal: `≤ ${goal}×`, ok: ratio <= goal,
  result: `extension ${median(ext).toFixed(0)} ms, bare ${median(raw).toFixed(0)} ms (medians of ${rounds})`, ratio: `extension / bare: ${ratio.toFixed(2)}×, alternating` });
process.exitCode = ratio <= goal ? 0 : 1;
