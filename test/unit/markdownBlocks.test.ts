// The streaming markdown split (webview/markdown/blocks.ts): parsing block by block must give the
// same HTML as parsing the whole text, at every point of a stream, and a delta must only re-scan the
// trailing block.
import * as assert from "node:assert/strict";
import { BlockSplitter, splitBlocks } from "../../webview/markdown/blocks";
import { defsOf, mergeDefs, parseBlock, parseWhole } from "../../webview/markdown/parse";
import { corpus } from "./markdownCorpus";

function parseSplit(blocks: string[]): string {
  const defs = mergeDefs(blocks.map(defsOf));
  return blocks.map(b => parseBlock(b, defs)).join("");
}

describe("markdown block split", () => {
  for (const [name, text] of Object.entries(corpus)) {
    it(`${name}: blocks join to the text and parse to the same HTML as the whole`, () => {
      const blocks = splitBlocks(text);
      assert.equal(blocks.join(""), text);
      assert.equal(parseSplit(blocks), parseWhole(text));
    });
  }

  it("the comparison can fail: splitting at every blank line breaks loose lists, fences and comments", () => {
    for (const name of ["looseList", "fence", "htmlComment"]) {
      const naive = corpus[name].split(/(?<=\n\n)/);
      assert.notEqual(parseSplit(naive), parseWhole(corpus[name]), name);
    }
  });

  it("actually splits: the model answer has several blocks, fences stay whole", () => {
    const blocks = splitBlocks(corpus.modelAnswer);
    assert.ok(blocks.length >= 5, JSON.stringify(blocks));
    assert.ok(blocks.some(b => b.startsWith("```bash") && b.includes("ls dist/webview\n```")), JSON.stringify(blocks));
    assert.deepEqual(splitBlocks(corpus.fence).map(b => b.split("\n")[0]), ["Before", "```python", "After"]);
  });

  it("every prefix of every corpus text (a stream) parses the same split as whole", () => {
    for (const [name, text] of Object.entries(corpus)) {
      const splitter = new BlockSplitter();
      for (let i = 1; i <= text.length; i++) {
        const prefix = text.slice(0, i);
        const blocks = splitter.split(prefix);
        assert.equal(blocks.join(""), prefix, `${name} at ${i}`);
        assert.equal(parseSplit(blocks), parseWhole(prefix), `${name} at ${i}: ${JSON.stringify(prefix)}`);
      }
    }
  });

  it("finished blocks stay finished: a stream only ever appends blocks after them", () => {
    const splitter = new BlockSplitter();
    const text = corpus.modelAnswer;
    let finished: string[] = [];
    for (let i = 1; i <= text.length; i++) {
      const blocks = splitter.split(text.slice(0, i));
      assert.deepEqual(blocks.slice(0, finished.length), finished, `at ${i}`);
      finished = blocks.slice(0, -1);
    }
  });

  it("an edited text (not an extension) is split afresh", () => {
    const splitter = new BlockSplitter();
    splitter.split("a\n\nb\n\nc");
    assert.deepEqual(splitter.split("x\n\ny\n"), ["x\n\n", "y\n"]);
  });

  it("the trailing partial line never decides a boundary", () => {
    assert.deepEqual(splitBlocks("- a\n\n1"), ["- a\n\n1"]);
    assert.deepEqual(splitBlocks("- a\n\n1. b\n"), ["- a\n\n1. b\n"]);
    assert.deepEqual(splitBlocks("para\n\nnext\n"), ["para\n\n", "next\n"]);
  });
});
