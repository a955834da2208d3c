// The per-turn baseline tracker on a real recording (a git repository: opencode's snapshot diff) and
// on hand-made sequences for a folder outside git (the tool calls it watched, and its own disk reads).
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { createTwoFilesPatch } from "diff";
import { Emitter } from "../../src/common/emitter";
import { decodeEvent, type KnownEvent } from "../../src/protocol/events";
import { reduce, type Action } from "../../src/protocol/reducer";
import { createFolderState } from "../../src/protocol/state";
import type { FileDiff } from "../../src/protocol/session";
import { TurnBaselines, type FinishedTurn } from "../../src/review/engine/turnBaselines";
import { loadFixture } from "./recordedFixtures";

function ev(type: string, properties: unknown): KnownEvent {
  const d = decodeEvent(JSON.stringify({ type, properties }));
  if (d.kind !== "event") throw new Error(`bad test event ${type}: ${JSON.stringify(d)}`);
  return d.event;
}

/** A FolderSession stand-in: the real reducer, a scripted diff endpoint, a scripted disk. */
function harness(directory: string, diffs: () => FileDiff[]) {
  const state = createFolderState();
  const changed = new Emitter<Action>();
  const disk = new Map<string, string>();
  const logs: string[] = [];
  const finished: FinishedTurn[] = [];
  const requests: string[] = [];
  const tracker = new TurnBaselines({
    state, directory, onDidChange: changed.event,
    client: { diff: async (s, m) => { requests.push(`${s}/${m}`); return diffs(); } },
  }, f => disk.get(f), m => logs.push(m));
  tracker.onDidFinishTurn(t => finished.push(t));
  const emit = (e: KnownEvent) => { reduce(state, { kind: "event", event: e }); changed.fire({ kind: "event", event: e }); };
  /** Lets the tracker's diff request resolve. */
  const settle = () => new Promise(r => setImmediate(r));
  return { disk, logs, finished, requests, emit, settle, tracker };
}

describe("the files a turn changed and their text before it (TurnBaselines)", () => {
  it("a recorded turn in a git repository: the snapshot diff gives the file before the edit", async () => {
    const f = loadFixture("i-read-and-edit");
    const ws = String(f.header.workspace);
    const frames = f.streams.get("event")!.map(d => JSON.parse(d) as { type: string; properties: { info?: { role?: string; summary?: { diffs?: FileDiff[] } } } });
    const recorded = frames.filter(x => x.type === "message.updated" && x.properties.info?.role === "user").flatMap(x => x.properties.info!.summary?.diffs ?? []);
    assert.ok(recorded.length > 0, "the recording has the turn's summary diffs");
    let ready = false;
    const h = harness(ws, () => (ready ? [recorded[0]] : []));
    h.disk.set(path.join(ws, "README.md"), "# fixture workspace\nhello there\n");
    for (const data of f.streams.get("event")!) {
      const d = decodeEvent(data);
      if (d.kind !== "event") continue;
      // The scripted endpoint answers [] until the summary says the diff is stored.
      if (d.event.type === "message.updated" && d.event.properties.info.role === "user" && d.event.properties.info.summary?.files) ready = true;
      h.emit(d.event);
      await h.settle();
    }
    assert.deepEqual(h.finished.map(t => ({ ...t, messageID: undefined })), [{
      sessionID: f.header.sessionID, messageID: undefined, source: "snapshot",
      files: [{ path: path.join(ws, "README.md"), baseline: "# fixture workspace\nhello world\n", after: "# fixture workspace\nhello there\n" }],
    }]);
    assert.equal(h.requests.length, 1, "one request: the first turn only read a file");
    assert.deepEqual(h.logs, []);
  });

  describe("outside git (the diff endpoint says [])", () => {
    const ws = "/ws", S = "ses_1";
    const user = (id: string) => ev("message.updated", { info: { id, sessionID: S, role: "user", time: { created: 1 } } });
    const part = (callID: string, tool: string, state: Record<string, unknown>, sessionID = S) =>
      ev("message.part.updated", { part: { id: `prt_${callID}`, sessionID, messageID: "msg_2", type: "tool", tool, callID, state } });
    const running = (callID: string, tool: string, input: Record<string, unknown>, sessionID = S) => part(callID, tool, { status: "running", input, time: { start: 1 } }, sessionID);
    const completed = (callID: string, tool: string, input: Record<string, unknown>, metadata: Record<string, unknown>, sessionID = S) =>
      part(callID, tool, { status: "completed", input, output: "", metadata, time: { start: 1, end: 2 } }, sessionID);
    const idle = () => ev("session.idle", { sessionID: S });
    const file = path.join(ws, "a.txt");

    it("a write held by an ask: the file read at the ask is the baseline", async () => {
      const h = harness(ws, () => []);
      h.disk.set(file, "old\n");
      h.emit(user("msg_1"));
      h.emit(ev("permission.asked", { id: "per_1", sessionID: S, permission: "edit", patterns: ["a.txt"], metadata: { filepath: file, diff: "" }, always: ["*"], tool: { messageID: "msg_2", callID: "c1" } }));
      h.disk.set(file, "new\n");
      h.emit(running("c1", "write", { filePath: file, content: "new\n" }));
      h.emit(completed("c1", "write", { filePath: file, content: "new\n" }, { exists: true }));
      h.emit(idle());
      await h.settle();
      assert.deepEqual(h.finished.map(t => [t.source, t.files]), [["tools", [{ path: file, baseline: "old\n", after: "new\n" }]]]);
    });

    it("a write under an allow rule whose read lost the race to the write: no baseline, and the log says why", async () => {
      const h = harness(ws, () => []);
      h.disk.set(file, "new\n");
      h.emit(user("msg_1"));
      h.emit(running("c1", "write", { filePath: "a.txt", content: "new\n" }));
      h.emit(completed("c1", "write", { filePath: "a.txt", content: "new\n" }, { exists: true }));
      h.emit(idle());
      await h.settle();
      assert.deepEqual(h.finished, []);
      assert.match(h.logs.join("\n"), /a\.txt.*read only after the write/);
    });

    it("a new file, then edits to it (one by a sub-agent): no baseline file, whatever the reads saw", async () => {
      const h = harness(ws, () => []);
      h.emit(ev("session.created", { sessionID: "ses_child", info: { id: "ses_child", parentID: S, title: "sub", time: { created: 1, updated: 1 } } }));
      h.emit(user("msg_1"));
      h.disk.set(file, "one\n");
      h.emit(running("c1", "write", { filePath: file, content: "one\n" }));
      h.emit(completed("c1", "write", { filePath: file, content: "one\n" }, { exists: false }));
      h.emit(running("c2", "edit", { filePath: file }, "ses_child"));
      h.disk.set(file, "one\ntwo\n");
      h.emit(completed("c2", "edit", { filePath: file }, { filediff: { file, patch: createTwoFilesPatch(file, file, "one\n", "one\ntwo\n") } }, "ses_child"));
      h.emit(idle());
      await h.settle();
      assert.deepEqual(h.finished.map(t => t.files), [[{ path: file, baseline: undefined, after: "one\ntwo\n" }]]);
    });

    it("edits under an allow rule need no read at all: their diffs are applied backwards", async () => {
      const h = harness(ws, () => []);
      const v1 = "a\nb\nc\nd\ne\nf\ng\nh\n", v2 = v1.replace("b\n", "B\n"), v3 = v2.replace("g\n", "G\n");
      h.disk.set(file, v2); // both reads lose the race
      h.emit(user("msg_1"));
      h.emit(running("c1", "edit", { filePath: file }));
      h.emit(completed("c1", "edit", { filePath: file }, { diff: createTwoFilesPatch(file, file, v1, v2, "", "", { context: 4 }) }));
      h.disk.set(file, v3);
      h.emit(running("c2", "edit", { filePath: file }));
      h.emit(completed("c2", "edit", { filePath: file }, { filediff: { file, patch: createTwoFilesPatch(file, file, v2, v3, "", "", { context: 4 }) } }));
      h.emit(idle());
      h.emit(idle()); // idle comes twice after errors: one report
      await h.settle();
      assert.deepEqual(h.finished.map(t => t.files), [[{ path: file, baseline: v1, after: v3 }]]);
    });

    it("a run's own files (deliverables, its log) are no project changes: not offered for review", async () => {
      const h = harness(ws, () => []);
      const deliverable = path.join(ws, ".opencode", "runs", S, "deliverables", "report.md");
      h.disk.set(file, "old\n");
      h.emit(user("msg_1"));
      h.emit(ev("permission.asked", { id: "per_1", sessionID: S, permission: "edit", patterns: ["a.txt"], metadata: { filepath: file, diff: "" }, always: ["*"], tool: { messageID: "msg_2", callID: "c1" } }));
      h.disk.set(file, "new\n");
      h.emit(completed("c1", "write", { filePath: file, content: "new\n" }, { exists: true }));
      h.disk.set(deliverable, "# Report\n");
      h.emit(running("c2", "write", { filePath: deliverable, content: "# Report\n" }));
      h.emit(completed("c2", "write", { filePath: deliverable, content: "# Report\n" }, { exists: false }));
      h.emit(idle());
      await h.settle();
      assert.deepEqual(h.finished.map(t => t.files.map(f => f.path)), [[file]]);
    });

    it("failed calls report nothing; a turn without file tools or patch parts does not even ask for its diff", async () => {
      const h = harness(ws, () => []);
      h.emit(user("msg_1"));
      h.emit(running("c1", "write", { filePath: file, content: "x" }));
      h.emit(part("c1", "write", { status: "error", input: { filePath: file }, error: "rejected", time: { start: 1, end: 2 } }));
      h.emit(idle());
      h.emit(user("msg_3"));
      h.emit(idle());
      await h.settle();
      assert.deepEqual(h.finished, []);
      assert.deepEqual(h.requests, [`${S}/msg_1`]);
    });
  });

  it("in a repository, a snapshot that lists a run's log and deliverables offers only the project files", async () => {
    const ws = "/repo", S = "ses_1", file = path.join(ws, "src/x.ts");
    const patch = (f: string, before: string, after: string) => createTwoFilesPatch(f, f, before, after, "", "", { context: 1e9 });
    const h = harness(ws, () => [
      { file: ".opencode/runs/ses_1/run.log", patch: patch(".opencode/runs/ses_1/run.log", "", "DONE: ok\n"), additions: 1, deletions: 0, status: "added" },
      { file: ".opencode/runs/ses_1/deliverables/r.md", patch: patch(".opencode/runs/ses_1/deliverables/r.md", "", "# R\n"), additions: 1, deletions: 0, status: "added" },
      { file: "src/x.ts", patch: patch("src/x.ts", "before\n", "after\n"), additions: 1, deletions: 1, status: "modified" },
    ]);
    h.disk.set(file, "after\n");
    h.disk.set(path.join(ws, ".opencode/runs/ses_1/run.log"), "DONE: ok\n");
    h.disk.set(path.join(ws, ".opencode/runs/ses_1/deliverables/r.md"), "# R\n");
    h.emit(ev("message.updated", { info: { id: "msg_1", sessionID: S, role: "user", time: { created: 1 } } }));
    h.emit(ev("message.part.updated", { part: { id: "prt_p", sessionID: S, messageID: "msg_2", type: "patch", hash: "h", files: [file, path.join(ws, ".opencode/runs/ses_1/run.log")] } }));
    h.emit(ev("session.idle", { sessionID: S }));
    await h.settle();
    assert.deepEqual(h.finished.map(t => [t.source, t.files]), [["snapshot", [{ path: file, baseline: "before\n", after: "after\n" }]]]);
  });

  it("in a repository, a diff stored after the idle is read when the user message's summary says it is there", async () => {
    const ws = "/repo", S = "ses_1", file = path.join(ws, "src/x.ts");
    let stored: FileDiff[] = [];
    const h = harness(ws, () => stored);
    h.disk.set(file, "after\n");
    const user = (summary?: unknown[]) => ev("message.updated", { info: { id: "msg_1", sessionID: S, role: "user", time: { created: 1 }, ...(summary ? { summary: { diffs: summary } } : {}) } });
    h.emit(user());
    h.emit(ev("message.part.updated", { part: { id: "prt_p", sessionID: S, messageID: "msg_2", type: "patch", hash: "h", files: [file] } }));
    h.emit(ev("session.idle", { sessionID: S }));
    await h.settle();
    assert.equal(h.finished.length, 0, "nothing before the diff is stored");
    stored = [{ file: "src/x.ts", patch: createTwoFilesPatch("src/x.ts", "src/x.ts", "before\n", "after\n", "", "", { context: 1e9 }), additions: 1, deletions: 1, status: "modified" }];
    h.emit(user(stored));
    await h.settle();
    assert.deepEqual(h.finished.map(t => [t.source, t.files]), [["snapshot", [{ path: file, baseline: "before\n", after: "after\n" }]]]);
  });
});
