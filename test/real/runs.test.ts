// Command-palette runs against real opencode 1.18.33 and the fake model, through the extension's own
// Run engine (src/server/run.ts) on a FolderSession, with edit and bash on "ask". The fake model
// plays an agent that follows the line protocol it finds in the prompt: it reads the run log's
// path from the (hidden) protocol text and appends lines with the bash tool, as a real model would.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runProtocolPaths, stepOf, text, tools, type ModelRequest, type Reply } from "../fakes/fakeModel";
import { FolderSession } from "../../src/conversation/folderSession";
import { Run } from "../../src/runs/engine/run";
import { runBaseline } from "../../src/runs/engine/runBaseline";
import { runShell } from "../../src/runs/engine/runShell";
import type { Ask } from "../../src/conversation/asks";
import { useSharedServer } from "./helpers/sharedServer";
import { waitUntil } from "./helpers/processes";
import type { RawEvent } from "./eventRecorder";

const quiet = { debug: () => {}, info: (m: string) => process.env.DEBUG_RUNS && console.log(`      info: ${m}`), warn: (m: string) => console.log(`      warn: ${m}`) };

/** What the agent does in a scenario: one reply per model call, given the run's paths. */
type Scenario = (paths: { log: string; deliverables: string }) => Reply[];

const bash = (command: string) => tools({ name: "bash", args: { command, description: "report" } });
const append = (log: string, ...lines: string[]) => bash(lines.map(l => `echo '${l}' >> ${log}`).join(" && "));

describe("real opencode: command-palette runs (protocol lines, deliverables, totals)", function () {
  this.timeout(120_000);
  const shared = useSharedServer({ permission: { edit: "ask", bash: "ask" } }, { git: true });
  const scenarios = new Map<string, Scenario>();
  let fsn: FolderSession;
  const userAsks: Ask[] = [];

  before(async () => {
    fsn = new FolderSession(async () => shared.oc, shared.oc.workspace, quiet);
    fsn.asks.onDidAdd(a => userAsks.push(a));
    await fsn.stream.whenConnected();
  });
  after(() => fsn?.dispose());
  beforeEach(() => {
    userAsks.length = 0;
    scenarios.clear();
    // The scenario is named in the prompt; its step is the number of tool results so far.
    shared.model.handle((req: ModelRequest) => {
      const name = /scenario:(\w+)/.exec(JSON.stringify(req.body.messages))?.[1];
      const scenario = name && scenarios.get(name), paths = runProtocolPaths(req);
      if (!scenario || !paths) return text(`(no scenario or no protocol in the prompt: ${name})`);
      return scenario(paths)[stepOf(req)] ?? text("(scenario over)");
    });
  });

  const start = (name: string, scenario: Scenario) => {
    scenarios.set(name, scenario);
    return Run.start({ folder: shared.oc.workspace, session: fsn, prompt: `Do the task. scenario:${name}`, title: name, patternRoot: shared.oc.workspace, server: { attached: false, envShell: undefined }, log: quiet });
  };

  it("writes a deliverable and DONE: exactly that deliverable, succeeded, and no ask reached the user", async () => {
    const run = await start("deliver", p => [
      tools({ name: "write", args: { filePath: path.join(p.deliverables, "report.md"), content: "# Report\n\nAll good.\n" } }),
      append(p.log, "STATUS: 60% report written", "DELIVERABLE: deliverables/report.md"),
      append(p.log, "DONE: the report is ready"),
      text("Finished: see the report."),
    ]);
    const delivered: string[] = [];
    run.onDeliverable(d => delivered.push(`${d.kind}:${d.path}`));
    const report = await run.finished;
    assert.equal(report.state, "succeeded", JSON.stringify(report));
    assert.equal(report.summary, "the report is ready");
    assert.deepEqual(delivered, [`markdown:${fs.realpathSync(path.join(run.paths.deliverablesDir, "report.md"))}`]);
    assert.equal(userAsks.length, 0, `asks went to the user: ${JSON.stringify(userAsks.map(a => a.ask))}`);
    assert.equal(report.autoAnswered, 3, "the write and the two log appends were answered once each by the run");
    assert.equal(run.result?.text, "Finished: see the report.");
    assert.deepEqual(run.result?.filesChanged, [], "the run's own folder is not a changed project file");
    assert.deepEqual(run.result?.toolCalls.map(t => `${t.tool}:${t.status}`), ["write:completed", "bash:completed", "bash:completed"]);
    assert.match(fs.readFileSync(path.join(run.paths.runDir, "result.md"), "utf8"), /# Done: the report is ready[\s\S]*Finished: see the report\./);
    assert.match(fs.readFileSync(path.join(shared.oc.workspace, ".git", "info", "exclude"), "utf8"), /^\/\.opencode\/runs\/$/m);
    // The protocol reached the model as a synthetic part: chat views hide it, the prompt stays as typed.
    const user = fsn.state.sessions[run.sessionID].messages[0];
    const texts = user.parts.flatMap(p => (p.type === "text" ? [{ text: p.text, synthetic: p.synthetic }] : []));
    assert.deepEqual(texts.map(t => t.synthetic ?? false), [false, true]);
    assert.equal(texts[0].text, "Do the task. scenario:deliver");
  });

  it("ERROR fails the run with the agent's message; lines after it are ignored", async () => {
    const run = await start("fail", p => [append(p.log, "ERROR: the tests cannot run here", "DONE: never mind"), text("Sorry.")]);
    const report = await run.finished;
    assert.equal(report.state, "failed");
    assert.equal(report.summary, "the tests cannot run here");
  });

  it("a command that writes elsewhere still asks the user; the run waits for the answer", async () => {
    const run = await start("elsewhere", p => [bash(`echo hi > outside.txt && echo 'DONE' >> ${p.log}`), text("ok")]);
    await waitUntil(() => userAsks.length > 0, 30_000, "the ask never reached the user");
    assert.equal(userAsks[0].kind === "permission" && userAsks[0].ask.permission, "bash");
    assert.equal(run.report.state, "running");
    await fsn.client.replyPermission(userAsks[0].ask.id, "reject");
    const report = await run.finished;
    assert.equal(fs.existsSync(path.join(shared.oc.workspace, "outside.txt")), false);
    assert.equal(report.state, "ended without DONE", "a rejected tool ends the turn, and the agent never wrote DONE");
  });

  it("a session that goes idle without DONE or ERROR is no success: it ended without DONE, its answer kept", async () => {
    const run = await start("nodone", p => [append(p.log, "STATUS: 50% halfway"), text("I stopped halfway.")]);
    const report = await run.finished;
    assert.deepEqual([report.state, report.summary, report.percent], ["ended without DONE", "I stopped halfway.", 50]);
    const md = fs.readFileSync(path.join(run.paths.runDir, "result.md"), "utf8");
    assert.match(md, /^# Ended without DONE: I stopped halfway\.\n/);
    assert.match(md, /never wrote DONE[\s\S]*I stopped halfway\./, "the warning, then the answer");
  });

  it("DONE written without a final newline is read when the run ends", async () => {
    const run = await start("nonewline", p => [bash(`echo -n 'DONE: said without a newline' >> ${p.log}`), text("All done.")]);
    const report = await run.finished;
    assert.deepEqual([report.state, report.summary], ["succeeded", "said without a newline"]);
    assert.equal(fs.readFileSync(run.paths.logFile, "utf8"), "DONE: said without a newline", "the log really ends without a line break");
  });

  it("Cancel aborts the session: the run ends cancelled and the session is idle", async () => {
    scenarios.set("stall", () => [{ kind: "stall", chunks: ["thinking about it"] }]);
    const run = await Run.start({ folder: shared.oc.workspace, session: fsn, prompt: "scenario:stall", title: "stall", patternRoot: shared.oc.workspace, server: { attached: false, envShell: undefined }, log: quiet });
    await waitUntil(() => fsn.state.sessions[run.sessionID]?.status.type === "busy", 30_000, "never busy");
    await run.cancel();
    const report = await run.finished;
    assert.equal(report.state, "cancelled");
    const status = await fsn.client.status();
    assert.equal(status[run.sessionID], undefined, "the session is idle on the server");
    // The aborted message's error may land just after idle: read it from the session, not the result.
    await waitUntil(() => fsn.state.sessions[run.sessionID]?.messages.at(-1)?.info.role === "assistant" && (fsn.state.sessions[run.sessionID].messages.at(-1)!.info as { error?: { name: string } }).error?.name === "MessageAbortedError", 10_000, "no MessageAbortedError");
  });

  it("two runs at once stay separate: own session, own folder, own deliverable", async () => {
    const scenario = (name: string): Scenario => p => [
      tools({ name: "write", args: { filePath: path.join(p.deliverables, `${name}.txt`), content: `${name}\n` } }),
      append(p.log, `DELIVERABLE: ${name}.txt`, `DONE: ${name} done`),
      text(`${name} finished`),
    ];
    const [a, b] = await Promise.all([start("alpha", scenario("alpha")), start("beta", scenario("beta"))]);
    const got = new Map<string, string[]>([[a.sessionID, []], [b.sessionID, []]]);
    a.onDeliverable(d => got.get(a.sessionID)!.push(path.basename(d.path)));
    b.onDeliverable(d => got.get(b.sessionID)!.push(path.basename(d.path)));
    const [ra, rb] = await Promise.all([a.finished, b.finished]);
    assert.notEqual(a.sessionID, b.sessionID);
    assert.notEqual(a.paths.runDir, b.paths.runDir);
    assert.deepEqual([ra.state, ra.summary, rb.state, rb.summary], ["succeeded", "alpha done", "succeeded", "beta done"]);
    assert.deepEqual(got.get(a.sessionID), ["alpha.txt"]);
    assert.deepEqual(got.get(b.sessionID), ["beta.txt"]);
    assert.equal(a.result?.text, "alpha finished");
    assert.equal(b.result?.text, "beta finished");
  });

  it("token and cost totals equal the sum of the session's step-finish events", async () => {
    const run = await start("totals", p => [append(p.log, "STATUS: 10% one"), append(p.log, "STATUS: 90% two"), text("done")]);
    await run.finished;
    // Step-finish parts as the stream carried them (a part may be updated more than once: last wins).
    const steps = new Map<string, { tokens: { input: number; output: number; reasoning: number; cache: { read: number; write: number } }; cost: number }>();
    for (const e of shared.events.of(run.sessionID, "message.part.updated") as RawEvent[]) if (e.properties.part.type === "step-finish") steps.set(e.properties.part.id, e.properties.part);
    const sum = [...steps.values()].reduce((t, s) => ({
      input: t.input + s.tokens.input, output: t.output + s.tokens.output, reasoning: t.reasoning + s.tokens.reasoning,
      cacheRead: t.cacheRead + s.tokens.cache.read, cacheWrite: t.cacheWrite + s.tokens.cache.write, cost: t.cost + s.cost,
    }), { input: 0, output: 0, reasoning: 0, cacheRead: 0, cacheWrite: 0, cost: 0 });
    assert.equal(steps.size, 3);
    assert.ok(sum.input > 0 && sum.output > 0 && sum.cost > 0, "the fake model reports non-zero usage at a price");
    const r = run.result!;
    const { cost, ...tokens } = sum;
    assert.deepEqual(r.tokens, tokens);
    // Float sums: the same numbers, perhaps added in another order.
    assert.ok(Math.abs(r.cost - cost) < 1e-12, `cost ${r.cost} vs the events' ${cost}`);
    assert.equal(r.steps, 3);
  });

  it("a changed file's text before the run is read back from opencode's snapshot (what a reload leaves)", async () => {
    const edited = path.join(shared.oc.workspace, "tracked.md"), created = path.join(shared.oc.workspace, "created.md");
    fs.writeFileSync(edited, "one\ntwo\nthree\n");
    const run = await start("snapshot", p => [
      tools({ name: "edit", args: { filePath: edited, oldString: "two", newString: "TWO" } }),
      tools({ name: "write", args: { filePath: created, content: "new\n" } }),
      append(p.log, "DONE: changed"),
      text("changed"),
    ]);
    // Both project edits ask (edit is "ask"): the user allows them once.
    for (let answered = 0; answered < 2; answered++) {
      await waitUntil(() => userAsks.length > answered, 30_000, `ask ${answered + 1} never reached the user`);
      await fsn.client.replyPermission(userAsks[answered].ask.id, "once");
    }
    assert.equal((await run.finished).state, "succeeded");
    assert.equal(fs.readFileSync(edited, "utf8"), "one\nTWO\nthree\n");
    // The snapshot may be stored just after idle.
    let before = await runBaseline(fsn.client, run.sessionID, edited, shared.oc.workspace);
    for (let i = 0; !before.known && i < 20; i++) {
      await new Promise(r => setTimeout(r, 250));
      before = await runBaseline(fsn.client, run.sessionID, edited, shared.oc.workspace);
    }
    assert.deepEqual(before, { known: true, baseline: "one\ntwo\nthree\n" });
    assert.deepEqual(await runBaseline(fsn.client, run.sessionID, created, shared.oc.workspace), { known: true, baseline: undefined }, "a created file had no text before");
    const untouched = await runBaseline(fsn.client, run.sessionID, path.join(shared.oc.workspace, "untouched.md"), shared.oc.workspace);
    assert.equal(untouched.known, false);
  });
});

describe("real opencode: a run reads its shell from opencode's config", function () {
  this.timeout(60_000);
  const shared = useSharedServer({ shell: "pwsh", permission: { bash: "ask" } });

  it("GET /config carries `shell`, so a server set to PowerShell has its bash asks go to the user", async () => {
    const fsn = new FolderSession(async () => shared.oc, shared.oc.workspace, quiet);
    try {
      const config = await fsn.client.config();
      assert.equal(config.shell, "pwsh");
      const shell = runShell({ config, envShell: "/bin/bash" });
      assert.ok(!shell.posix && /pwsh/.test(shell.why), JSON.stringify(shell));
    } finally {
      fsn.dispose();
    }
  });
});
