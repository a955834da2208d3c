// What real opencode 1.18.33 tells a client about a turn's file changes made under an allow rule (no
// ask, so no ask metadata): the baseline an inline Keep/Undo needs. Findings:
// - GET /session/{id}/diff?messageID=<the turn's user message> → [{file, patch, additions, deletions,
//   status: "added"|"modified"}]: `file` relative to the repository root, `patch` a unified diff
//   ("Index: f", "=====", "--- f\t", "+++ f\t") of ONE hunk with the whole file as context. No
//   before/after contents, but the hunk's context and "-" lines are the whole text before. Without
//   messageID → []. Usually ready by session.idle, but under load it came after: wait for the user
//   message's message.updated carrying info.summary.diffs, which holds the same list.
// - session.diff events come during each turn, always with diff: [].
// - Tool part metadata: write {filepath (absolute), exists (did the file exist before), truncated,
//   diagnostics}, no diff at all; edit {diff (unified, absolute paths, 4 lines of context), filediff
//   {file (absolute), patch (= diff), additions, deletions}, truncated, diagnostics}.
// - A `patch` part {hash, files: [absolute paths]} follows the step that changed files; `hash` is the
//   snapshot its step-start part recorded (the state before the step).
// - Outside a git repository opencode takes no snapshots: no snapshot on step parts, no patch part,
//   the diff endpoint and summary.diffs are []. A write there leaves no baseline anywhere.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { text, tools, type ToolCall } from "../fakes/fakeModel";
import { OpencodeClient } from "../../src/conversation/client";
import { EventRecorder } from "./eventRecorder";
import { useSharedServer } from "./helpers/sharedServer";
import { baselineFromSnapshot, textBeforeEdit } from "../../src/review/engine/patchBaseline";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Part = { type: string; id: string; messageID: string; tool?: string; snapshot?: string; hash?: string; files?: string[]; state?: any };

describe("real opencode: the diff of a turn that changed files under an allow rule", function () {
  this.timeout(120_000);
  const shared = useSharedServer({ permission: { edit: "allow" } }, { git: true });

  /** Runs one turn with one tool call in a new session of `dir` and returns what a client can read about it. */
  async function turn(dir: string, events: EventRecorder, call: ToolCall, o: { changes: boolean } = { changes: true }) {
    const client = new OpencodeClient(async () => shared.oc, dir);
    const s = (await client.createSession({ title: "baseline" })).id;
    shared.model.scriptFor(s, tools(call), text("done"));
    await client.prompt(s, [{ type: "text", text: "change it" }]);
    await events.waitFor(e => e.type === "session.idle" && e.properties.sessionID === s);
    // The diff is usually stored before session.idle, but under load it came after: its signal is the
    // user message's message.updated carrying summary.diffs.
    if (o.changes) await events.waitFor(e => e.type === "message.updated" && e.properties.info.sessionID === s && e.properties.info.summary?.diffs?.length > 0, 15_000);
    const messages = await client.messages(s);
    const user = messages.find(m => m.info.role === "user")!;
    const parts = messages.flatMap(m => m.parts as Part[]);
    return {
      diff: await client.diff(s, String(user.info.id)), diffWithoutMessage: await client.diff(s),
      summaryDiffs: (user.info.summary as { diffs?: unknown[] } | undefined)?.diffs,
      sessionDiffEvents: events.of(s, "session.diff").map(e => e.properties.diff),
      tool: parts.find(p => p.type === "tool")!, patches: parts.filter(p => p.type === "patch"), steps: parts.filter(p => p.type === "step-start"),
    };
  }
  const inWorkspace = (call: (ws: string) => ToolCall) => turn(shared.oc.workspace, shared.events, call(shared.oc.workspace));
  const seed = (file: string, content: string) => {
    fs.mkdirSync(path.dirname(path.join(shared.oc.workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(shared.oc.workspace, file), content);
  };
  const onDisk = (file: string) => fs.readFileSync(path.join(shared.oc.workspace, file), "utf8");

  /** What holds for every turn in a repository: the patch part, the summary copy, the empty events. */
  function assertCommon(t: Awaited<ReturnType<typeof turn>>, file: string) {
    assert.deepEqual(t.diffWithoutMessage, []);
    assert.deepEqual(t.summaryDiffs, t.diff);
    assert.ok(t.sessionDiffEvents.length > 0);
    assert.ok(t.sessionDiffEvents.every(d => Array.isArray(d) && d.length === 0), JSON.stringify(t.sessionDiffEvents));
    assert.equal(t.patches.length, 1);
    assert.deepEqual(t.patches[0].files, [path.join(shared.oc.workspace, file)]);
    const stepOfTool = t.steps.find(p => p.messageID === t.tool.messageID)!;
    assert.equal(t.patches[0].hash, stepOfTool.snapshot, "the patch part points at the snapshot before the step");
    assert.match(t.diff[0].patch!, new RegExp(`^Index: ${file}\\n=+\\n--- ${file}\\t\\n\\+\\+\\+ ${file}\\t\\n@@ `));
  }

  it("overwriting a file (write): a modified entry whose patch gives back the original text", async () => {
    const original = "export const a = 1;\nexport const b = 2;\n";
    seed("src/over.ts", original);
    const t = await inWorkspace(ws => ({ name: "write", args: { filePath: path.join(ws, "src/over.ts"), content: "export const a = 100;\n" } }));
    assert.equal(onDisk("src/over.ts"), "export const a = 100;\n");
    assert.deepEqual(t.diff.map(d => ({ ...d, patch: undefined })), [{ file: "src/over.ts", patch: undefined, additions: 1, deletions: 2, status: "modified" }]);
    assert.equal(baselineFromSnapshot(t.diff[0].patch!, onDisk("src/over.ts")), original);
    assertCommon(t, "src/over.ts");
    assert.equal(t.tool.state.status, "completed");
    assert.deepEqual(Object.keys(t.tool.state.metadata).sort(), ["diagnostics", "exists", "filepath", "truncated"]);
    assert.equal(t.tool.state.metadata.exists, true);
    assert.equal(t.tool.state.metadata.filepath, path.join(shared.oc.workspace, "src/over.ts"));
  });

  it("editing part of a file (edit): the tool metadata has its own diff with absolute paths", async () => {
    const original = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join("");
    seed("lib/part.txt", original);
    const t = await inWorkspace(ws => ({ name: "edit", args: { filePath: path.join(ws, "lib/part.txt"), oldString: "line 20\n", newString: "LINE 20\nline 20.5\n" } }));
    assert.equal(onDisk("lib/part.txt"), original.replace("line 20\n", "LINE 20\nline 20.5\n"));
    assert.deepEqual(t.diff.map(d => [d.file, d.additions, d.deletions, d.status]), [["lib/part.txt", 2, 1, "modified"]]);
    assert.match(t.diff[0].patch!, /\n@@ -1,30 \+1,31 @@\n line 1\n/, `one hunk, the whole file as context: ${t.diff[0].patch}`);
    assert.equal(baselineFromSnapshot(t.diff[0].patch!, onDisk("lib/part.txt")), original);
    assertCommon(t, "lib/part.txt");
    const abs = path.join(shared.oc.workspace, "lib/part.txt");
    const { diff, filediff } = t.tool.state.metadata;
    assert.ok(diff.startsWith(`Index: ${abs}\n`), diff);
    assert.match(diff, /\n@@ -16,9 \+16,10 @@\n line 16\n/, `four lines of context: ${diff}`);
    assert.deepEqual({ ...filediff, patch: undefined }, { file: abs, patch: undefined, additions: 2, deletions: 1 });
    assert.equal(filediff.patch, diff);
    assert.equal(textBeforeEdit(onDisk("lib/part.txt"), diff), original);
  });

  it("creating a file (write): an added entry, and the write metadata says it did not exist", async () => {
    const t = await inWorkspace(ws => ({ name: "write", args: { filePath: path.join(ws, "src/new.ts"), content: "brand new\n" } }));
    assert.deepEqual(t.diff.map(d => [d.file, d.additions, d.deletions, d.status]), [["src/new.ts", 1, 0, "added"]]);
    assert.match(t.diff[0].patch!, /\n@@ -0,0 \+1,1 @@\n\+brand new\n$/);
    assert.equal(baselineFromSnapshot(t.diff[0].patch!, onDisk("src/new.ts")), "");
    assertCommon(t, "src/new.ts");
    assert.equal(t.tool.state.metadata.exists, false);
  });

  it("outside a git repository: no snapshot, no patch part, an empty diff", async () => {
    const plain = path.join(shared.oc.scratch, "plain");
    fs.mkdirSync(plain);
    fs.writeFileSync(path.join(plain, "over.txt"), "before\n");
    const events = await EventRecorder.open(shared.oc, plain);
    try {
      const t = await turn(plain, events, { name: "write", args: { filePath: path.join(plain, "over.txt"), content: "after\n" } }, { changes: false });
      assert.equal(fs.readFileSync(path.join(plain, "over.txt"), "utf8"), "after\n");
      assert.equal(t.tool.state.status, "completed");
      assert.deepEqual([t.diff, t.summaryDiffs, t.patches], [[], [], []]);
      assert.ok(t.steps.length > 0 && t.steps.every(p => p.snapshot === undefined));
    } finally { events.close(); }
  });
});
