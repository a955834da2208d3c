// Throughput of decodeEvent + reduce over recorded opencode SSE frames, against bare JSON.parse of
// the same strings (the floor any decoder pays). Both run in the same process, alternating, so
// machine noise hits them alike; the verdict is the median of the per-round ratios.
// Run: node esbuild.mjs --tests && node bench/decodeReduce.mjs
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

import { record } from "./report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const { decodeEvent } = require(join(root, "out/src/protocol/events.js"));
const { reduce } = require(join(root, "out/src/protocol/reducer.js"));
const { createFolderState } = require(join(root, "out/src/protocol/state.js"));

const fixtures = ["a-text", "b-write-permission-once", "f-question", "fail-prompt-while-busy", "i-read-and-edit", "j-reasoning"];
const targetFrames = 50_000;
const rounds = 11;
const goal = 0.5;

/** The data strings of the `/event?directory=` stream, as the SSE decoder hands them over. */
function frames(name) {
  const lines = readFileSync(join(root, "test/fixtures/events", `${name}.jsonl`), "utf8").split("\n").filter(Boolean).slice(1);
  return lines.map(l => JSON.parse(l)).filter(o => o.stream === "event" && o.data).map(o => JSON.stringify(o.data));
}
const recorded = fixtures.flatMap(frames);
const repeat = list => Array.from({ length: Math.ceil(targetFrames / list.length) }, () => list).flat();

function bareParse(stream) {
  let keys = 0;
  for (const data of stream) keys += JSON.parse(data).type.length; // use the result so it is not optimised away
  return keys;
}
function decodeAndReduce(stream) {
  const state = createFolderState();
  let skipped = 0;
  for (const data of stream) {
    const d = decodeEvent(data);
    if (d.kind === "event") reduce(state, { kind: "event", event: d.event });
    else if (d.kind === "malformed") throw new Error(`malformed frame in a recording: ${d.why}`);
    else skipped++;
  }
  return skipped;
}
function time(fn, stream) {
  const start = process.hrtime.bigint();
  fn(stream);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Alternating rounds; the order flips each round so garbage one side leaves behind is not always billed to the other. */
function compare(stream) {
  bareParse(stream); decodeAndReduce(stream); // warm-up: JIT and zod's compiled object parsers
  const rows = [];
  for (let round = 1; round <= rounds; round++) {
    const first = round % 2 ? bareParse : decodeAndReduce;
    const a = time(first, stream);
    const b = time(first === bareParse ? decodeAndReduce : bareParse, stream);
    const [parseMs, decodeMs] = first === bareParse ? [a, b] : [b, a];
    rows.push({ round, parseMs, decodeMs, ratio: parseMs / decodeMs });
  }
  return { rows, median: rows.map(r => r.ratio).sort((x, y) => x - y)[Math.floor(rows.length / 2)] };
}

const stream = repeat(recorded);
const bytes = stream.reduce((n, s) => n + s.length, 0);
const { rows, median } = compare(stream);
// Real answers are mostly deltas (one per streamed chunk); the fake model of the recordings sends few.
const deltasOnly = compare(repeat(recorded.filter(d => d.includes('"type":"message.part.delta"'))));
const perSec = ms => `${Math.round(stream.length / (ms / 1000)).toLocaleString("en-US")}/s`;

console.log(`${stream.length} frames (${(bytes / 1e6).toFixed(1)} MB) from ${fixtures.join(", ")}; node ${process.version}`);
console.log("round | JSON.parse ms | frames/s       | decode+reduce ms | frames/s       | ratio");
console.log("------+---------------+----------------+------------------+----------------+------");
for (const r of rows) {
  console.log(`${String(r.round).padStart(5)} | ${r.parseMs.toFixed(1).padStart(13)} | ${perSec(r.parseMs).padStart(14)} | ${r.decodeMs.toFixed(1).padStart(16)} | ${perSec(r.decodeMs).padStart(14)} | ${r.ratio.toFixed(2)}`);
}
console.log(`median ratio (decode+reduce throughput / JSON.parse throughput): ${median.toFixed(2)}x, goal >= ${goal}x: ${median >= goal ? "met" : "NOT met"}`);
console.log(`same, on a stream of message.part.delta frames only: ${deltasOnly.median.toFixed(2)}x`);
record({ measure: "decode+reduce throughput against JSON.parse of the same recorded frames", goal: `≥ ${goal}×`, ok: median >= goal,
  result: `${median.toFixed(2)}× (median of ${rounds} rounds)`, ratio: `decode+reduce / JSON.parse: ${median.toFixed(2)}×, alternating rounds`,
  note: `${stream.length} frames; on message.part.delta frames only ${deltasOnly.median.toFixed(2)}×` });
process.exitCode = median >= goal ? 0 : 1;
