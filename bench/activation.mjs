// Extension activation: loading dist/extension.js and running activate() in a fresh Node process
// (bench/activationProbe.cjs stubs `vscode`), against the same sources bundled as one file, the
// shape before the host code was split (esbuild.mjs). Alternating, in one run. Goal: < 30 ms, with
// nothing spawned (activate() only registers; the integration suite checks no server starts).
// "First use" is what the first server start or chat view then adds by requiring dist/core.js.
// Run: node esbuild.mjs && node bench/activation.mjs
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { builds } from "../esbuild.mjs";
import { record } from "./report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const goalMs = 30;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-bench-activation-"));
const shell = builds.find(b => b.outfile === "dist/extension.js");
const { plugins: _split, ...oneBundle } = shell;
await esbuild.build({ ...oneBundle, absWorkingDir: root, outfile: path.join(scratch, "extension.js") });

const probe = bundle => JSON.parse(execFileSync(process.execPath, [path.join(root, "bench/activationProbe.cjs"), bundle], { encoding: "utf8" }));
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const split = [], firstUse = [], one = [];
probe(path.join(root, "dist/extension.js")); // warm the page cache for both
probe(path.join(scratch, "extension.js"));
for (let i = 0; i < rounds; i++) {
  const s = probe(path.join(root, "dist/extension.js"));
  split.push(s.activateMs);
  firstUse.push(s.firstUseMs);
  one.push(probe(path.join(scratch, "extension.js")).activateMs);
}
fs.rmSync(scratch, { recursive: true, force: true });
const ms = median(split);
console.log(`activation (median of ${rounds} fresh processes): split ${ms.toFixed(1)} ms, one bundle ${median(one).toFixed(1)} ms, ratio ${(ms / median(one)).toFixed(2)}×`);
console.log(`first use (dist/core.js) adds ${median(firstUse).toFixed(0)} ms, outside activation`);
console.log(`goal < ${goalMs} ms: ${ms < goalMs ? "OK" : "OVER GOAL"}`);
record({ measure: "activation: require dist/extension.js + activate(), stubbed vscode, fresh Node", goal: `< ${goalMs} ms`, ok: ms < goalMs,
  result: `${ms.toFixed(1)} ms (median of ${rounds})`, ratio: `split / one bundle: ${(ms / median(one)).toFixed(2)}× (one bundle ${median(one).toFixed(1)} ms)`,
  note: `first use (require dist/core.js) adds ${median(firstUse).toFixed(0)} ms outside activation; dev build (npm run bench's)` });
process.exitCode = ms < goalMs ? 0 : 1;
