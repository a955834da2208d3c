// result.md and the Runs view's facts: what a finished run tells its user, as text.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { RunResult } from "../../src/runs/engine/runResult";
import type { RunReport } from "../../src/runs/engine/run";
import { duration, resultMarkdown, runFacts, totalsOf } from "../../src/runs/engine/runReport";

const folder = path.resolve("/ws");
const runDir = path.join(folder, ".opencode", "runs", "ses_1");
const report = (extra: Partial<RunReport> = {}): RunReport => ({
  state: "succeeded", steps: 2, startedAt: 1_000, endedAt: 76_000, deliverables: [], notes: [], ignoredLines: 0, autoAnswered: 0, ...extra,
});
const result: RunResult = {
  sessionID: "ses_1", text: "The plan is in plan.md.\n", toolCalls: [{ tool: "write", status: "completed", input: {} }],
  filesChanged: [path.join(folder, "src", "a.ts")], tokens: { input: 1200, output: 34, reasoning: 5, cacheRead: 6, cacheWrite: 7 },
  cost: 0.01234, steps: 3, turns: 1, agent: "plan", model: "demo/demo-model",
};

describe("run report (result.md and the run's facts)", () => {
  it("writes the outcome, the task, the answer, deliverables, changed files, notes and the facts", () => {
    const md = resultMarkdown("ses_1", "Plan  the\ntests", report({ summary: "the plan\nis ready", deliverables: [path.join(runDir, "deliverables", "my plan.md")], notes: ["refused ../x: outside"] }), result, folder, runDir);
    assert.equal(md, [
      "# Done: the plan is ready", "", "> Plan the tests", "",
      "The plan is in plan.md.", "",
      "## Deliverables", "", "- [my plan.md](deliverables/my%20plan.md)", "",
      "## Files changed", "", "- `src/a.ts`", "",
      "## Notes", "", "- refused ../x: outside", "",
      "## Run", "",
      "- Duration: 1 min 15 s", "- Agent: plan", "- Model: demo/demo-model", "- Steps: 3",
      "- Tokens: 1200 in, 34 out, 5 reasoning, 6 cache read, 7 cache write", "- Cost: $0.012", "- Tool calls: 1", "- Session: ses_1", "",
    ].join("\n"));
  });

  it("without a result (the session could not be read): the outcome, the report's steps and the session", () => {
    const md = resultMarkdown("ses_1", "x", report({ state: "interrupted" }), undefined, folder, runDir);
    assert.equal(md, ["# Interrupted", "", "> x", "", "## Run", "", "- Duration: 1 min 15 s", "- Steps: 2", "- Session: ses_1", ""].join("\n"));
  });

  it("leaves out an agent and a model the session did not name", () => {
    const facts = runFacts("ses_1", report(), totalsOf({ ...result, agent: undefined, model: undefined }));
    assert.deepEqual(facts.map(([k]) => k), ["Duration", "Steps", "Tokens", "Cost", "Tool calls", "Session"]);
  });

  it("a cost the totals lack (a record kept by an older version) is unknown, not a price", () => {
    const facts = new Map(runFacts("ses_1", report(), { ...totalsOf(result), cost: undefined as unknown as number }));
    assert.equal(facts.get("Cost"), "unknown");
  });

  it("a run of a model without a price says so instead of costing $0", () => {
    const facts = new Map(runFacts("ses_1", report(), { ...totalsOf(result), cost: 0 }));
    assert.equal(facts.get("Cost"), "no price known");
  });

  it("formats durations in seconds, then minutes", () => {
    assert.deepEqual([duration(-5), duration(499), duration(59_499), duration(60_000), duration(3_725_000)], ["0 s", "0 s", "59 s", "1 min 00 s", "62 min 05 s"]);
  });
});
