// The user's typing in a reviewed file, folded into the file's baseline (TypingFold), with real files
// on disk for the reload check: typing never reads the disk synchronously (a keystroke must not wait
// on IO), and what counts as typing or as a reload is as before.
import * as assert from "node:assert/strict";
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { TypingFold, type TypedEvent } from "../../src/review/typingFold";
import { tempDirs } from "./tempTree";

/** The fs module every compiled file shares: what a spy on it sees is what the product calls. */
const sharedFs = createRequire(__filename)("node:fs") as typeof fs;
const syncReads = ["readFileSync", "openSync", "readSync", "statSync", "existsSync", "accessSync"] as const;

/** Counts synchronous fs calls while `f` runs. */
function countSyncFs(f: () => void): string[] {
  const calls: string[] = [];
  const saved = syncReads.map(name => [name, sharedFs[name]] as const);
  for (const [name, real] of saved) (sharedFs as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => { calls.push(`${name}(${String(args[0])})`); return (real as (...a: unknown[]) => unknown)(...args); };
  try { f(); } finally { for (const [name, real] of saved) (sharedFs as unknown as Record<string, unknown>)[name] = real; }
  return calls;
}

/** An event replacing `[offset, offset + length)` of `before` with `text`. */
function typed(file: string, before: string, offset: number, length: number, text: string, undoRedo = false): TypedEvent {
  return { file, before, now: before.slice(0, offset) + text + before.slice(offset + length), edits: [{ offset, length, text }], eol: "\n", undoRedo };
}

describe("typing in a reviewed file (TypingFold)", () => {
  const dirs = tempDirs("oc-typing-");
  after(() => dirs.removeAll());
  // The agent changed line b to B; the disk holds the agent's text until the user saves.
  const baseline = "a\nb\nc\n", agent = "a\nB\nc\n";
  const setup = () => {
    const file = path.join(dirs.make(), "x.ts");
    fs.writeFileSync(file, agent);
    return { file, target: { baseline } };
  };

  it("a keystroke does no synchronous disk IO; the typing is folded into the baseline once the disk is read", async () => {
    const { file, target } = setup();
    const fold = new TypingFold();
    const calls = countSyncFs(() => fold.add(target, typed(file, agent, 6, 0, "d\n")));
    assert.deepEqual(calls, [], "synchronous fs calls on the keystroke path");
    await fold.settled();
    assert.equal(target.baseline, "a\nb\nc\nd\n", "the user's new line is theirs, not the agent's");
  });

  it("a reload from disk (the agent wrote the file again) is not folded; the typing around it is, in order", async () => {
    const { file, target } = setup();
    const fold = new TypingFold();
    const agentAgain = "a\nB\nC\n";
    fs.writeFileSync(file, agentAgain);
    fold.add(target, typed(file, agent, 4, 2, "C\n")); // VS Code reloading: the document now holds the disk's text
    fold.add(target, typed(file, agentAgain, 0, 0, "// top\n")); // then the user types
    await fold.settled();
    assert.equal(target.baseline, "// top\na\nb\nc\n");
  });

  it("Undo and Redo are the user's even when they go back to the disk's text; an added file has no baseline to fold into", async () => {
    const { file } = setup();
    const target = { baseline: "a\nb\nc\nx\n" }; // the user's "x" line, folded when typed
    const fold = new TypingFold();
    fold.add(target, typed(file, "a\nB\nc\nx\n", 6, 2, "", true)); // undoing it: back to the disk's text
    const added = { baseline: undefined };
    fold.add(added, typed(file, agent, 0, 0, "z"));
    await fold.settled();
    assert.equal(target.baseline, "a\nb\nc\n", "the undo is folded like typing");
    assert.equal(added.baseline, undefined);
  });
});
