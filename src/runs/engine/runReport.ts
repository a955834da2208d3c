import * as path from "node:path";
import type { RunResult } from "./runResult";
import type { RunReport } from "./runState";
import { formatCost } from "../../shared/numbers";

const outcome: Record<RunReport["state"], string> = {
  running: "Running", succeeded: "Done", "ended without DONE": "Ended without DONE", failed: "Failed", cancelled: "Cancelled", interrupted: "Interrupted",
};

/** The run's result as markdown (result.md, shown by "Open Result"). */
export function resultMarkdown(sessionID: string, prompt: string, report: RunReport, result: RunResult | undefined, folder: string, runDir: string): string {
  const rel = (f: string) => path.relative(folder, f).split(path.sep).join("/") || f;
  const out = [`# ${outcome[report.state]}${report.summary ? `: ${oneLine(report.summary)}` : ""}`, "", `> ${oneLine(prompt)}`, ""];
  if (report.state === "ended without DONE") out.push(`**Warning:** the agent stopped but never wrote DONE (or ERROR) to the run log: check that the task is finished.`, "");
  if (result?.text) out.push(result.text.trim(), "");
  if (report.deliverables.length) out.push("## Deliverables", "", ...report.deliverables.map(d => `- [${path.relative(path.join(runDir, "deliverables"), d)}](${encodeURI(path.relative(runDir, d).split(path.sep).join("/"))})`), "");
  if (result?.filesChanged.length) out.push("## Files changed", "", ...result.filesChanged.map(f => `- \`${rel(f)}\``), "");
  if (report.notes.length) out.push("## Notes", "", ...report.notes.map(n => `- ${oneLine(n)}`), "");
  out.push("## Run", "", ...runFacts(sessionID, report, result && totalsOf(result)).map(([k, v]) => `- ${k}: ${v}`), "");
  return out.join("\n");
}

/** Every token a run was billed for: what a cost of 0 is checked against. */
export const billedRunTokens = (t: RunTotals["tokens"]): number => t.input + t.output + t.reasoning + t.cacheRead + t.cacheWrite;

/** A finished run's totals, as the Runs view keeps them across reloads. */
export type RunTotals = Pick<RunResult, "tokens" | "cost" | "steps" | "filesChanged" | "agent" | "model"> & { toolCalls: number };

export const totalsOf = (r: RunResult): RunTotals => ({ tokens: r.tokens, cost: r.cost, steps: r.steps, filesChanged: r.filesChanged, toolCalls: r.toolCalls.length, agent: r.agent, model: r.model });

/** Duration, agent, model, steps, tokens and cost, as label/value pairs (result.md and the Runs view's tooltip). */
export function runFacts(sessionID: string, report: RunReport, totals: RunTotals | undefined): [string, string][] {
  const facts: [string, string][] = [["Duration", duration((report.endedAt ?? Date.now()) - report.startedAt)]];
  if (totals?.agent) facts.push(["Agent", totals.agent]);
  if (totals?.model) facts.push(["Model", totals.model]);
  facts.push(["Steps", String(totals?.steps ?? report.steps)]);
  if (totals) {
    const t = totals.tokens;
    facts.push(["Tokens", `${t.input} in, ${t.output} out, ${t.reasoning} reasoning, ${t.cacheRead} cache read, ${t.cacheWrite} cache write`]);
    facts.push(["Cost", formatCost(totals.cost, billedRunTokens(t))], ["Tool calls", String(totals.toolCalls)]);
  }
  facts.push(["Session", sessionID]);
  return facts;
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
