// The markdown nesting limit (webview/markdown/depth.ts): marked recursed once per level and threw
// a RangeError on deep input; after the limit, it parses everything, and ordinary markdown is
// passed through untouched.
import * as assert from "node:assert/strict";
import { limitNesting, maxNesting } from "../../webview/markdown/depth";
import { parseWhole } from "../../webview/markdown/parse";
import { marked } from "marked";
import { corpus } from "./markdownCorpus";
import { deepMarkdown as deep } from "../hostileMarkdown";

/** Deepest element nesting in marked's HTML (tags counted on a stack; void tags ignored). */
function htmlDepth(html: string): number {
  let depth = 0, deepest = 0;
  for (const m of html.matchAll(/<(\/?)(ul|ol|li|blockquote|em|strong|del|p)\b[^>]*>/g)) {
    depth += m[1] ? -1 : 1;
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}


describe("markdown nesting limit", () => {
  it("the deep inputs overflow marked's stack without it (the failure this guards)", () => {
    // Deeper than the cases below, so the proof does not hang on this machine's stack size.
    assert.throws(() => parseWholeUnlimited("- ".repeat(20_000) + "x"), RangeError);
    assert.throws(() => parseWholeUnlimited("> ".repeat(30_000) + "x"), RangeError);
    assert.doesNotThrow(() => parseWhole("- ".repeat(20_000) + "x"));
    assert.doesNotThrow(() => parseWhole("> ".repeat(30_000) + "x"));
  });

  for (const [name, text] of Object.entries(deep)) {
    it(`${name}: parses, nests at most ${maxNesting} levels of each kind, keeps the text after the limit`, () => {
      const html = parseWhole(`${text} END`);
      assert.ok(htmlDepth(html) <= 3 * maxNesting + 2, `${name}: nested ${htmlDepth(html)} deep`);
      assert.ok(html.includes("END"), `${name}: the text after the limit is lost`);
    });
  }

  it("leaves ordinary markdown exactly as it was (the rendering corpus, nested lists, code)", () => {
    const samples = [...Object.values(corpus), "- a\n  - b\n    - c\n      > d **e** _f_ ~~g~~", "```\n" + "- ".repeat(50) + "\n```",
      "`" + "*".repeat(40) + "`", "a*b*c and 2*3*4", "> > > three quotes\n\n1. one\n   1. two\n      1. three"];
    for (const s of samples) assert.equal(limitNesting(s), s);
  });

  it("flattens exactly at the limit: level 16 is a list, level 17 is text", () => {
    const html = parseWhole("- ".repeat(maxNesting + 1) + "x");
    assert.equal(html.match(/<ul>/g)?.length, maxNesting);
    assert.match(html, /<li>- x<\/li>/);
    assert.equal(limitNesting("> ".repeat(maxNesting + 2) + "x"), "> ".repeat(maxNesting) + "\\> > x");
    assert.equal(limitNesting("1. ".repeat(maxNesting + 1) + "x"), "1. ".repeat(maxNesting) + "1\\. x");
  });

  it("fenced code past the limit is not touched; the paragraph count resets after a blank line", () => {
    const fenced = "```\n" + "- ".repeat(100) + "\n" + "*a ".repeat(100) + "\n```";
    assert.equal(limitNesting(fenced), fenced);
    const twice = Array.from({ length: 2 }, () => "*a ".repeat(maxNesting) + "b" + " a*".repeat(maxNesting)).join("\n\n");
    assert.equal(limitNesting(twice), twice);
  });
});

/** marked with no limit: straight to the library. */
function parseWholeUnlimited(text: string): string {
  return marked.parse(text, { async: false, gfm: true });
}
