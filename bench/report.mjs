// The rows of bench/results.md. Each benchmark runs in its own process (bench/run.mjs), so a row
// goes to the JSON-lines file named by BENCH_REPORT; a benchmark run on its own only prints.
// Ratios are side by side: both sides measured in the same run, interleaved, so the shared
// machine's load hits them alike. A ratio from two runs would mostly measure the load.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { codeServerVersion } from "../test/harness/codeServer.mjs";

/**
 * @typedef {{ measure: string, goal: string, result: string, ratio?: string, note?: string, ok?: boolean }} Row
 * ok: within the goal (undefined: the measure has no goal, it is recorded to watch it).
 */

/** @param {Row} row */
export function record(row) {
  if (process.env.BENCH_REPORT) fs.appendFileSync(process.env.BENCH_REPORT, `${JSON.stringify(row)}\n`);
}

/**
 * Records a printed check of the form "<measure>: <result> (goal <goal>)", the shape the webview
 * benchmark prints; a line without a goal or a colon goes in whole as the measure.
 */
export function recordCheck(ok, text) {
  const line = text.trim();
  const goal = /\(goal ([^()]*(?:\([^()]*\)[^()]*)*)\)\s*$/.exec(line);
  const body = goal ? line.slice(0, goal.index).trim() : line;
  const colon = body.indexOf(": ");
  record({ measure: colon < 0 ? body : body.slice(0, colon), goal: goal?.[1] ?? "", result: colon < 0 ? "" : body.slice(colon + 2), ok });
}

export const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** "median (min–max, n)" in whole milliseconds. */
export const spread = xs => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}, n=${xs.length})`;

/** What the numbers depend on: the machine, its load now, the tools' versions. */
export function machine() {
  const cpus = os.cpus();
  const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  const version = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim(); } catch { return "unknown"; } };
  return {
    date: new Date().toISOString(),
    cores: `${cpus.length} × ${cpus[0]?.model.trim() ?? "?"}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    chromium: version(chromium, ["--version"]),
    uptime: version("uptime", []),
    vscode: codeServerVersion(),
  };
}

/** bench/results.md: one table row per measure, then the machine note. */
export function resultsMarkdown(rows, start, end, commit) {
  const cell = s => String(s ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
  const met = ok => ok === undefined ? "—" : ok ? "yes" : "**no**";
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.mjs) at ${commit}. "Side by side" ratios come from both
sides measured in the same run with their launches or rounds interleaved: on this shared machine
a ratio is meaningful, an absolute time mostly says how loaded the machine was (see the note).

| measure | goal | result | side by side | met | note |
|---|---|---|---|---|---|
${rows.map(r => `| ${cell(r.measure)} | ${cell(r.goal)} | ${cell(r.result)} | ${cell(r.ratio)} | ${met(r.ok)} | ${cell(r.note)} |`).join("\n")}

## Machine

- date: ${start.date} to ${end.date}
- cores: ${start.cores}; memory ${start.memory}
- load at start: \`${start.uptime}\`
- load at end: \`${end.uptime}\`
- node ${start.node}; ${start.chromium}; VS Code ${start.vscode} (code-server)
`;
}
