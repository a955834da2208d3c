import * as assert from "node:assert/strict";
import { createTwoFilesPatch } from "diff";
import { hunks, keepHunk, rebase, revertHunk, userEditsIn, withEol } from "../../src/review/engine/turnChanges";
import { baselineFromSnapshot, textBeforeEdit } from "../../src/review/engine/patchBaseline";

const lines = (...l: string[]) => l.map(x => `${x}\n`).join("");
/** A 12-line file; the agent changes three separate regions of it (first, middle, last line). */
const base = lines("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve");
const agent = lines("ONE", "two", "three", "four", "five", "SIX", "six and a half", "seven", "eight", "nine", "ten", "eleven", "TWELVE");

/** The text after undoing every region in turn, first to last (each undo on the previous result). */
function undoAll(baseline: string, current: string): string {
  let text = current;
  for (let hs = hunks(baseline, text); hs.length; hs = hunks(baseline, text)) text = revertHunk(baseline, text, hs[0]);
  return text;
}

describe("a turn's changed regions (turnChanges)", () => {
  it("finds each changed region with its lines on both sides", () => {
    const hs = hunks(base, agent);
    assert.deepEqual(hs.map(h => [h.baseLine, h.baseLines, h.line, h.lines]), [[0, 1, 0, 1], [5, 1, 5, 2], [11, 1, 12, 1]]);
    assert.equal(agent.slice(hs[1].current.start, hs[1].current.end), "SIX\nsix and a half\n");
    assert.equal(base.slice(hs[1].base.start, hs[1].base.end), "six\n");
    assert.deepEqual(hunks(base, base), []);
  });

  for (const [name, i, expected] of [
    ["first", 0, agent.replace("ONE\n", "one\n")],
    ["middle", 1, agent.replace("SIX\nsix and a half\n", "six\n")],
    ["last", 2, agent.replace("TWELVE\n", "twelve\n")],
  ] as const) {
    it(`undoing the ${name} region restores exactly that region and keeps the others`, () => {
      const after = revertHunk(base, agent, hunks(base, agent)[i]);
      assert.equal(after, expected);
      assert.equal(hunks(base, after).length, 2);
    });
  }

  it("keeping a region makes it part of the baseline; the others stay to review", () => {
    const hs = hunks(base, agent);
    const kept = keepHunk(base, agent, hs[1]);
    assert.deepEqual(hunks(kept, agent).map(h => h.line), [0, 12]);
    assert.equal(undoAll(kept, agent), base.replace("six\n", "SIX\nsix and a half\n"));
  });

  it("adjacent changes are one region", () => {
    const hs = hunks(lines("a", "b", "c", "d"), lines("a", "B", "C", "d"));
    assert.deepEqual(hs.map(h => [h.baseLine, h.baseLines, h.line, h.lines]), [[1, 2, 1, 2]]);
  });

  it("a pure deletion is a region of no current lines at the line that follows it", () => {
    const [h] = hunks(lines("a", "b", "c"), lines("a", "c"));
    assert.deepEqual([h.line, h.lines, h.baseLines], [1, 0, 1]);
    assert.equal(revertHunk(lines("a", "b", "c"), lines("a", "c"), h), lines("a", "b", "c"));
  });

  it("an added file (empty baseline) is one region whose undo empties it", () => {
    const hs = hunks("", "brand new\nfile\n");
    assert.deepEqual(hs.map(h => [h.baseLines, h.line, h.lines]), [[0, 0, 2]]);
    assert.equal(revertHunk("", "brand new\nfile\n", hs[0]), "");
  });

  it("a last line without a newline is restored byte for byte, both ways", () => {
    assert.equal(undoAll("a\nb", "a\nB\n"), "a\nb");
    assert.equal(undoAll("a\nb\n", "a\nb"), "a\nb\n");
    assert.equal(undoAll("x\ny\nz", "x\nY\nz"), "x\ny\nz");
  });

  it("CRLF files keep their line breaks through undo and keep", () => {
    const b = withEol(base, "\r\n"), a = withEol(agent, "\r\n");
    assert.equal(hunks(b, a).length, 3);
    assert.equal(undoAll(b, a), b);
    assert.equal(revertHunk(b, a, hunks(b, a)[2]), withEol(agent.replace("TWELVE\n", "twelve\n"), "\r\n"));
    assert.equal(withEol("a\nb\r\nc", "\r\n"), "a\r\nb\r\nc");
    assert.equal(withEol("a\r\nb\r\n", "\n"), "a\nb\n");
  });

  describe("the user's own edits in the buffer", () => {
    /** The current text after the user's change, and the baseline rebased over it (or undefined). */
    const userEdit = (baseline: string, current: string, offset: number, length: number, text: string) => ({
      current: current.slice(0, offset) + text + current.slice(offset + length),
      baseline: rebase(baseline, current, { offset, length, text }),
    });

    it("an edit between regions becomes part of the baseline: never a region, never undone", () => {
      const at = agent.indexOf("nine");
      const u = userEdit(base, agent, at, 4, "NINE (mine)");
      assert.ok(u.baseline);
      assert.equal(u.baseline, base.replace("nine", "NINE (mine)"));
      assert.equal(hunks(u.baseline, u.current).length, 3, "still the agent's three regions only");
      // Undoing the middle and then every region keeps the user's line.
      const mid = revertHunk(u.baseline, u.current, hunks(u.baseline, u.current)[1]);
      assert.equal(mid, agent.replace("SIX\nsix and a half\n", "six\n").replace("nine", "NINE (mine)"));
      assert.equal(undoAll(u.baseline, u.current), base.replace("nine", "NINE (mine)"));
    });

    it("undoing a region of the current buffer keeps unrebased edits elsewhere too (as their own regions)", () => {
      const current = agent.replace("three", "three, typed by me");
      const hs = hunks(base, current);
      assert.equal(hs.length, 4);
      const last = revertHunk(base, current, hs[3]);
      assert.equal(last, current.replace("TWELVE\n", "twelve\n"));
    });

    it("edits before the first and after the last region, and at a region's edge, are the user's", () => {
      let b = base, c = agent;
      ({ baseline: b, current: c } = ((u) => ({ baseline: u.baseline!, current: u.current }))(userEdit(b, c, c.length, 0, "appended\n")));
      ({ baseline: b, current: c } = ((u) => ({ baseline: u.baseline!, current: u.current }))(userEdit(b, c, c.indexOf("two"), 0, "inserted\n")));
      assert.equal(b, base.replace("two", "inserted\ntwo") + "appended\n");
      assert.equal(hunks(b, c).length, 3);
    });

    it("an edit inside a region is not rebased: it belongs to that region, and Undo there would discard it (userEditsIn)", () => {
      const at = agent.indexOf("six and a half") + 4;
      const u = userEdit(base, agent, at, 0, "(typed) ");
      assert.equal(u.baseline, undefined);
      const hs = hunks(base, u.current);
      assert.equal(userEditsIn(agent, u.current, hs[1]), true);
      assert.equal(userEditsIn(agent, u.current, hs[0]), false);
      assert.equal(userEditsIn(agent, u.current, hs[2]), false);
    });

    it("a replacement across a region is not rebased", () => {
      const from = agent.indexOf("five"), to = agent.indexOf("seven");
      assert.equal(rebase(base, agent, { offset: from, length: to - from, text: "x\n" }), undefined);
    });

    it("at a pure deletion's point, only an insertion right there counts as inside it", () => {
      const b = lines("a", "b", "c"), c = lines("a", "c");
      const at = c.indexOf("c");
      assert.equal(rebase(b, c, { offset: at, length: 0, text: "new\n" }), undefined);
      assert.equal(rebase(b, c, { offset: at, length: 2, text: "" }), lines("a", "b"));
      assert.equal(rebase(b, c, { offset: 0, length: 2, text: "" }), lines("b", "c"));
    });
  });
});

describe("a file's text before the turn (patchBaseline)", () => {
  const snapshot = (before: string, after: string) => createTwoFilesPatch("f.ts", "f.ts", before, after, "", "", { context: Number.MAX_SAFE_INTEGER });

  it("the whole-file snapshot patch gives the text before, whatever the file holds now", () => {
    assert.equal(baselineFromSnapshot(snapshot(base, agent), agent), base);
    // The user changed the file since: the patch is applied backwards to what is there now.
    assert.equal(baselineFromSnapshot(snapshot(base, agent), agent.replace("eight", "8")), base.replace("eight", "8"));
  });

  it("handles missing newlines at the end on either side, CRLF, added and deleted files", () => {
    assert.equal(baselineFromSnapshot(snapshot("a\nb", "a\nB\n"), "a\nB\n"), "a\nb");
    assert.equal(baselineFromSnapshot(snapshot("a\nb\n", "a\nb"), "a\nb"), "a\nb\n");
    assert.equal(baselineFromSnapshot(snapshot("a\r\nb\r\n", "a\r\nB\r\n"), "a\r\nB\r\n"), "a\r\nb\r\n");
    assert.equal(baselineFromSnapshot(snapshot("", "new\n"), "new\n"), "");
    assert.equal(baselineFromSnapshot(snapshot("gone\n", ""), undefined), "gone\n");
  });

  it("opencode's own patch format (Index line, tab after the names, one hunk) parses", () => {
    const patch = "Index: src/over.ts\n===================================================================\n--- src/over.ts\t\n+++ src/over.ts\t\n@@ -1,2 +1,1 @@\n-export const a = 1;\n-export const b = 2;\n+export const a = 100;\n";
    assert.equal(baselineFromSnapshot(patch, "export const a = 100;\n"), "export const a = 1;\nexport const b = 2;\n");
  });

  it("an edit's context-limited diff is applied backwards; undefined when it no longer applies or is not a diff", () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}\n`).join("");
    const after = before.replace("line 20\n", "LINE 20\nline 20.5\n");
    const diff = createTwoFilesPatch("/abs/part.txt", "/abs/part.txt", before, after, "", "", { context: 4 });
    assert.equal(textBeforeEdit(after, diff), before);
    assert.equal(textBeforeEdit(lines("unrelated"), diff), undefined);
    assert.equal(textBeforeEdit(after, "not a diff"), undefined);
    assert.equal(baselineFromSnapshot("", after), undefined);
  });
});
