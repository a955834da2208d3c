// The text before a run read back from a snapshot diff, over hand-made answers of the server (the
// real-opencode side is in test/real/runs.test.ts): which turn, which root, which file.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createTwoFilesPatch } from "diff";
import { runBaseline, type SnapshotSource } from "../../src/runs/engine/runBaseline";
import type { FileDiff } from "../../src/protocol/session";

describe("run baseline from opencode's snapshot (runBaseline)", () => {
  let repo: string, folder: string, file: string;
  const before = "a\nb\nc\n", after = "a\nB\nc\n";
  // opencode's turn diffs carry the whole file as context.
  const patch = createTwoFilesPatch("pkg/x.txt", "pkg/x.txt", before, after, "", "", { context: 1_000 });
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), "oc-run-baseline-"));
    folder = path.join(repo, "pkg");
    fs.mkdirSync(folder);
    file = path.join(folder, "x.txt");
    fs.writeFileSync(file, after);
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  const source = (diffs: FileDiff[], asked: string[] = []): SnapshotSource => ({
    messages: async () => [
      { info: { id: "msg_2", role: "user" } },
      { info: { id: "msg_3", role: "assistant", path: { cwd: folder, root: repo } } },
      { info: { id: "msg_4", role: "user" } },
    ],
    diff: async (_s, messageID) => { asked.push(messageID); return diffs; },
  });
  const change = (extra: Partial<FileDiff> = {}): FileDiff => ({ file: "pkg/x.txt", patch, additions: 1, deletions: 1, status: "modified", ...extra });

  it("reads the first turn's diff, with paths relative to the repository root above the folder", async () => {
    const asked: string[] = [];
    assert.deepEqual(await runBaseline(source([change()], asked), "ses_1", file, folder), { known: true, baseline: before });
    assert.deepEqual(asked, ["msg_2"], "the run's own turn, not a later one from the chat");
  });

  it("a file the run created had no text before it", async () => {
    assert.deepEqual(await runBaseline(source([change({ status: "added" })]), "ses_1", file, folder), { known: true, baseline: undefined });
  });

  it("says why when nothing can be traced: no snapshot, another file, a patch that no longer applies, no prompt", async () => {
    const why = async (s: SnapshotSource) => { const r = await runBaseline(s, "ses_1", file, folder); return r.known ? "known" : r.why; };
    assert.match(await why(source([])), /git repositories only/);
    assert.match(await why(source([change({ file: "pkg/other.txt" })])), /does not include it/);
    fs.writeFileSync(file, "entirely\nelse\n");
    assert.match(await why(source([change()])), /changed too much/);
    assert.match(await why({ messages: async () => [], diff: async () => [] }), /no prompt/);
  });
});
