// Webview speed in headless chromium (test/webview/perfScenarios.ts, openScenario.ts), against the
// issue's goals: streaming 10,000 deltas: work per batch p95 < 8 ms, and the same at the end of the
// message as at its start (work proportional to the delta, not the message: ratio last/first ≈ 1);
// opening a 2,000-message / 20,000-part session paints in < 300 ms with a heap < 150 MB; idle: no
// timers; a reload shows the conversation within 1 s of the webview's first paint.
//
// Streaming also reports what the webview's check of each host message costs on its own (in Node,
// the same 1,000 batches), and how often the webview saved its screen for the next reload.
//
// Reload to conversation (test/webview/reloadScenario.ts): a fresh page's first paint → the first
// painted frame with rows, restored from the saved state, beside the host path (the state posted
// the moment the webview is ready: the webview's share of a path that first waits for the server).
//
// Opening is timed from the host posting its first message (window.postMessage, structured clone
// included) to the first painted frame of the rows on screen; the rest of the session arrives in
// `history` chunks after that paint, and "complete" is when all of it is in and painted. The open
// runs in 5 fresh pages; the goal is checked on the median (this machine is shared and noisy), and
// the slowest run is printed beside it.
//
// Run: node esbuild.mjs --tests && node bench/webview.mjs [--baseline=<dir>]
// --baseline (or BENCH_BASELINE, which `npm run bench` passes on): also run another build's dist/
// and media/ (a checkout of an older commit, built): streaming, opening with the whole session in
// one `state` (interleaved with this build's runs) and the reload's host path, for comparison. The
// streaming ratio goes into the results: when the absolute goal is missed on a slow day, it tells
// whether the code or the machine got slower.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { record, recordCheck } from "./report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const { streamingScenario, idleScenario } = require(path.join(root, "out/test/webview/perfScenarios.js"));
const { openOnce } = require(path.join(root, "out/test/webview/openScenario.js"));
const { reloadInputs, reloadOnce } = require(path.join(root, "out/test/webview/reloadScenario.js"));
const { hostMessageProblem } = require(path.join(root, "out/src/shared/hostCheck.js"));
const baseline = process.argv.find(a => a.startsWith("--baseline="))?.slice("--baseline=".length) || process.env.BENCH_BASELINE || undefined;
/** The baseline's commit, when it is a git checkout. */
const baselineName = () => { try { return execFileSync("git", ["-C", baseline, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(); } catch { return baseline; } };

let over = 0;
const check = (ok, text) => { if (!ok) over++; console.log(`${text} ${ok ? "OK" : "OVER GOAL"}`); recordCheck(ok, text); };
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = x => `${x.toFixed(0)} ms`;

const s = await streamingScenario();
check(s.p95 < 8, `streaming 10,000 deltas (${s.batches} batches): work p95 ${s.p95.toFixed(2)} ms (goal < 8 ms)`);
const ratio = s.lastP95 / s.firstP95;
check(ratio < 2, `  last tenth vs first tenth of the message: p95 ${s.lastP95.toFixed(2)} / ${s.firstP95.toFixed(2)} ms = ${ratio.toFixed(2)}× (goal ≈ 1×, < 2×)`);
console.log(`  screen saved for the next reload: ${s.saves} times in ${s.seconds.toFixed(0)} s of streaming`);
if (baseline) {
  const b = await streamingScenario(10_000, 10, path.resolve(baseline));
  console.log(`  baseline ${baseline}: work p95 ${b.p95.toFixed(2)} ms; first / last tenth ${b.firstP95.toFixed(2)} / ${b.lastP95.toFixed(2)} ms`);
  record({ measure: `streaming 10,000 deltas, this build against ${baselineName()} in the same run`, goal: "≈ 1×", result: `work p95 ${s.p95.toFixed(2)} / ${b.p95.toFixed(2)} ms`, ratio: `this / ${baselineName()}: ${(s.p95 / b.p95).toFixed(2)}×, one after the other`, ok: undefined });
}
console.log(`  checking each host message (Node, the same batches): ${checkCost().toFixed(2)} µs per batch of 10 deltas`);

/** The webview's host-message check alone, per `actions` batch of the streaming scenario. */
function checkCost() {
  const batches = [];
  for (let i = 0; i < 10_000; i += 10) {
    const actions = [];
    for (let j = 0; j < 10; j++) actions.push({ kind: "event", event: { type: "message.part.delta", properties: { sessionID: "ses_1", messageID: "msg_2", partID: "prt_stream", field: "text", delta: `word${i + j} ` } } });
    batches.push({ type: "actions", sessionID: "ses_1", actions });
  }
  let bad = 0;
  for (const m of batches) if (hostMessageProblem(m, false)) bad++; // warm-up
  const t0 = performance.now();
  for (let r = 0; r < 20; r++) for (const m of batches) if (hostMessageProblem(m, false)) bad++;
  if (bad) throw new Error("the check refused the benchmark's own messages");
  return ((performance.now() - t0) * 1000) / (20 * batches.length);
}

const runs = [], base = [];
for (let i = 0; i < 5; i++) {
  runs.push(await openOnce());
  if (baseline) base.push(await openOnce({ root: path.resolve(baseline), whole: true }));
}
const report = (label, rs) => {
  const first = rs.map(r => r.firstPaintMs), last = rs.at(-1);
  console.log(`  ${label}: first paint median ${ms(median(first))}, slowest ${ms(Math.max(...first))}; complete median ${ms(median(rs.map(r => r.completeMs)))}; `
    + `longest task median ${ms(median(rs.map(r => r.longestTaskMs)))} (0 = none over 50 ms); ${last.messages} host message(s); heap ${last.heapMB.toFixed(1)} MB; `
    + `${last.rows} DOM elements; a no-op message paints in ${ms(median(rs.map(r => r.floorMs)))}`);
};
const paint = median(runs.map(r => r.firstPaintMs));
check(paint < 300, `open 2,000 messages / 20,000 parts, from the host's first post: first paint median ${ms(paint)} of 5 (goal < 300 ms)`);
report("this build", runs);
if (baseline) report(`baseline ${baseline}, whole session in one state`, base);
const heap = Math.max(...runs.map(r => r.heapMB));
check(heap < 150, `  JS heap after opening, all of it loaded: ${heap.toFixed(1)} MB (goal < 150 MB)`);

const { state, saved } = await reloadInputs();
const restored = [], hostPath = [], baseHost = [];
for (let i = 0; i < 5; i++) {
  restored.push(await reloadOnce({ saved }));
  hostPath.push(await reloadOnce({ saved, state }));
  if (baseline) baseHost.push(await reloadOnce({ saved, state, root: path.resolve(baseline) }));
}
const after = rs => median(rs.map(r => r.afterFirstPaintMs));
const line = (label, rs) => console.log(`  ${label}: first paint → rows painted median ${ms(after(rs))}, slowest ${ms(Math.max(...rs.map(r => r.afterFirstPaintMs)))}; `
  + `from navigation: first paint ${ms(median(rs.map(r => r.firstPaintMs)))}, rows ${ms(median(rs.map(r => r.rowsMs)))}`);
check(after(restored) < 1000, `reload to conversation (2,000-message session, ${saved.screen.view.session.messages.length} messages saved, ${(JSON.stringify(saved).length / 1024).toFixed(0)} KB): `
  + `restored from the saved state, first paint → rows painted median ${ms(after(restored))} of 5 (goal < 1,000 ms)`);
line("restored", restored);
line("host path, state posted at ready (+ the server's restart and the session's load in a real reload)", hostPath);
if (baseline) line(`baseline ${baseline}, host path`, baseHost);

const idle = await idleScenario();
check(idle === 0, `idle: ${idle} timer/frame requests in 2 s (goal 0)`);
process.exitCode = over ? 1 : 0;
