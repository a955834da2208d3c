// `npm run bench`: every benchmark, each in its own process, all run even when one is over its
// goal; the exit code says whether any was. Each records its rows (bench/report.mjs) and this
// writes them to bench/results.md with a note on the machine: its load at start and end, and the
// 1-minute load sampled every 10 s while the benchmarks ran.
import { spawn, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { machine, median, resultsMarkdown } from "./report.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const all = ["activation", "chatFirstPaint", "decodeReduce", "webview", "serverReady", "sizes", "sessionList", "sessionReopen"];
// `node bench/run.mjs sizes activation` runs some; results.md is then written with those rows only.
const benches = process.argv.slice(2).length ? process.argv.slice(2) : all;
const rowsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "oc-bench-run-")), "rows.jsonl");
fs.writeFileSync(rowsFile, "");
const start = machine();
const load = [];
const sampler = setInterval(() => load.push(os.loadavg()[0]), 10_000);

const over = [];
for (const name of benches) {
  console.log(`\n━━━ ${name} ━━━`);
  const before = fs.readFileSync(rowsFile, "utf8").length;
  const child = spawn(process.execPath, [`bench/${name}.mjs`], { cwd: root, stdio: "inherit", env: { ...process.env, BENCH_REPORT: rowsFile } });
  const code = await new Promise(ok => child.once("exit", (c, sig) => ok(c ?? sig)));
  if (code !== 0) over.push(name);
  // A benchmark that crashed before recording anything still gets its row.
  if (code !== 0 && fs.readFileSync(rowsFile, "utf8").length === before) {
    fs.appendFileSync(rowsFile, `${JSON.stringify({ measure: name, goal: "", result: `failed (exit ${code}), see the console`, ok: false })}\n`);
  }
}
clearInterval(sampler);

const end = machine();
const rows = fs.readFileSync(rowsFile, "utf8").split("\n").filter(Boolean).map(l => JSON.parse(l));
fs.rmSync(path.dirname(rowsFile), { recursive: true, force: true });
const git = args => { try { return execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim(); } catch { return "?"; } };
// The code measured: HEAD, and whether the tree differed from it (results.md itself aside).
const dirty = git(["status", "--porcelain"]).split("\n").filter(l => l && !l.endsWith("bench/results.md")).length;
const commit = `${git(["rev-parse", "--short", "HEAD"])}${dirty ? ` plus ${dirty} uncommitted change(s)` : ""}`;
const cores = os.cpus().length;
const during = load.length ? `- 1-minute load while running (${load.length} samples, every 10 s): median ${median(load).toFixed(1)}, min ${Math.min(...load).toFixed(1)}, `
  + `max ${Math.max(...load).toFixed(1)}; that is ${(median(load) / cores).toFixed(1)} runnable tasks per core, so absolute times are those of a machine that busy\n` : "";
fs.writeFileSync(path.join(root, "bench", "results.md"), resultsMarkdown(rows, start, end, commit) + during);
console.log(`\nbench/results.md: ${rows.length} rows`);
console.log(`${over.length ? `over goal or failed: ${over.join(", ")}` : "all benchmarks within their goals"}`);
process.exitCode = over.length ? 1 : 0;
