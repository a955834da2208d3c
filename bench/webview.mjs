// Webview speed in headless chromium (test/webview/perfScenarios.ts), against the goals:
// streaming 10,000 deltas: work per batch p95 < 8 ms, and the same at the end of the message as at
// its start (work proportional to the delta, not the message: ratio last/first ≈ 1); opening a
// 2,000-message / 20,000-part session paints in < 300 ms with a heap < 150 MB; idle: no timers.
// Run: node esbuild.mjs --tests && node bench/webview.mjs
import { createRequire } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const { streamingScenario, openScenario, idleScenario } = require(path.join(root, "out/test/webview/perfScenarios.js"));

let over = 0;
const check = (ok, text) => { if (!ok) over++; console.log(`${text} ${ok ? "OK" : "OVER GOAL"}`); };

const s = await streamingScenario();
check(s.p95 < 8, `streaming 10,000 deltas (${s.batches} batches): work p95 ${s.p95.toFixed(2)} ms (goal < 8 ms)`);
const ratio = s.lastP95 / s.firstP95;
check(ratio < 2, `  last tenth vs first tenth of the message: p95 ${s.lastP95.toFixed(2)} / ${s.firstP95.toFixed(2)} ms = ${ratio.toFixed(2)}× (goal ≈ 1×, < 2×)`);

const o = await openScenario();
check(o.paintMs < 300, `open 2,000 messages / 20,000 parts: painted in ${o.paintMs.toFixed(0)} ms (goal < 300 ms; two empty frames here take ${o.floorMs.toFixed(0)} ms), ${o.rows} DOM elements`);
check(o.heapMB < 150, `  JS heap after opening: ${o.heapMB.toFixed(1)} MB (goal < 150 MB)`);

const idle = await idleScenario();
check(idle === 0, `idle: ${idle} timer/frame requests in 2 s (goal 0)`);
process.exitCode = over ? 1 : 0;
