import * as assert from "node:assert/strict";
import { LineSplitter, MAX_LINE_LENGTH, parseRunLine, type RunLine } from "../../src/runs/engine/runLines";

const why = (line: string): string => {
  const r = parseRunLine(line);
  assert.equal(r.kind, "ignored", `${JSON.stringify(line)} should be ignored, got ${JSON.stringify(r)}`);
  return (r as Extract<RunLine, { kind: "ignored" }>).why;
};

describe("parseRunLine", () => {
  it("reads every keyword", () => {
    assert.deepEqual(parseRunLine("STATUS: [40%] building"), { kind: "status", percent: 40, message: "building" });
    assert.deepEqual(parseRunLine("STATUS: reading the specs"), { kind: "status", message: "reading the specs" });
    assert.deepEqual(parseRunLine("DELIVERABLE: deliverables/report.md"), { kind: "deliverable", path: "deliverables/report.md" });
    assert.deepEqual(parseRunLine("DONE"), { kind: "done" });
    assert.deepEqual(parseRunLine("DONE: 3 files written"), { kind: "done", summary: "3 files written" });
    assert.deepEqual(parseRunLine("ERROR"), { kind: "error" });
    assert.deepEqual(parseRunLine("ERROR: the build failed"), { kind: "error", message: "the build failed" });
    assert.deepEqual(parseRunLine("ATTENTION: needs an API key"), { kind: "attention", reason: "needs an API key" });
    assert.deepEqual(parseRunLine("BROWSER: https://example.com/a?b=c#d"), { kind: "browser", url: "https://example.com/a?b=c#d" });
  });

  it("a bare DONE/ERROR, or one with an empty value, has no summary/message field at all", () => {
    for (const l of ["DONE", "DONE:", "DONE :  ", "  DONE  "]) assert.deepEqual(parseRunLine(l), { kind: "done" }, l);
    for (const l of ["ERROR", "ERROR:", "ERROR\t:\t"]) assert.deepEqual(parseRunLine(l), { kind: "error" }, l);
  });

  it("allows leading spaces and tabs, spaces around the colon, and trims values", () => {
    assert.deepEqual(parseRunLine("   STATUS :  [ 40 % ]  x "), { kind: "status", percent: 40, message: "x" });
    assert.deepEqual(parseRunLine("\tDELIVERABLE\t:\t report.md \t"), { kind: "deliverable", path: "report.md" });
    assert.deepEqual(parseRunLine("  - not a list item STATUS: x").kind, "ignored");
  });

  it("reads the percent with or without brackets, with odd spacing, or alone", () => {
    assert.deepEqual(parseRunLine("STATUS:50%   building"), { kind: "status", percent: 50, message: "building" });
    assert.deepEqual(parseRunLine("STATUS: 50 % building"), { kind: "status", percent: 50, message: "building" });
    assert.deepEqual(parseRunLine("STATUS: [50%]building"), { kind: "status", percent: 50, message: "building" });
    assert.deepEqual(parseRunLine("STATUS: 50%"), { kind: "status", percent: 50, message: "" });
    assert.deepEqual(parseRunLine("STATUS: [7%]"), { kind: "status", percent: 7, message: "" });
  });

  it("rounds decimals and clamps to 0..100", () => {
    const pct = (l: string) => (parseRunLine(l) as Extract<RunLine, { kind: "status" }>).percent;
    assert.equal(pct("STATUS: 33.4% a"), 33);
    assert.equal(pct("STATUS: 33.5% a"), 34);
    assert.equal(pct("STATUS: [.5%] a"), 1);
    assert.equal(pct("STATUS: 150% a"), 100);
    assert.equal(pct("STATUS: [99999999999999999999999%] a"), 100);
    assert.equal(pct("STATUS: -5% a"), 0);
    assert.equal(pct("STATUS: [-0.4%] a"), 0); // +0, not -0 (assert/strict uses Object.is)
    assert.equal(pct("STATUS: +12% a"), 12);
  });

  it("leaves the text alone when the percent is not one", () => {
    assert.deepEqual(parseRunLine("STATUS: 50%off the list"), { kind: "status", message: "50%off the list" });
    assert.deepEqual(parseRunLine("STATUS: [50] done half"), { kind: "status", message: "[50] done half" });
    assert.deepEqual(parseRunLine("STATUS: [50% building"), { kind: "status", message: "[50% building" });
    assert.deepEqual(parseRunLine("STATUS: 3 of 4 at 75%"), { kind: "status", message: "3 of 4 at 75%" });
  });

  it("ignores lowercase keywords, saying why", () => {
    assert.match(why("status: 50% x"), /uppercase/);
    assert.match(why("Done"), /uppercase.*DONE/);
    assert.match(why("deliverable: a.md"), /uppercase/);
  });

  it("ignores other lines, malformed keywords and empty values, saying why", () => {
    assert.equal(why(""), "not a protocol line");
    assert.equal(why("Compiling src/main.ts"), "not a protocol line");
    assert.equal(why("STATUSES: x"), "not a protocol line");
    assert.equal(why("**STATUS:** x"), "not a protocol line");
    assert.match(why("DONE everything"), /expected ':' after DONE/);
    assert.match(why("STATUS - x"), /expected ':'/);
    assert.match(why("STATUS"), /STATUS needs/);
    assert.match(why("STATUS:   "), /STATUS without/);
    assert.match(why("DELIVERABLE:"), /without a path/);
    assert.match(why("DELIVERABLE: ``"), /without a path/);
    assert.match(why("ATTENTION:  "), /without a reason/);
    assert.match(why("BROWSER:"), /without a URL/);
  });

  it("strips one pair of quotes, backticks or angle brackets around a path or URL", () => {
    assert.deepEqual(parseRunLine("DELIVERABLE: `deliverables/report.md`"), { kind: "deliverable", path: "deliverables/report.md" });
    assert.deepEqual(parseRunLine('DELIVERABLE: "my report.md"'), { kind: "deliverable", path: "my report.md" });
    assert.deepEqual(parseRunLine("DELIVERABLE: it's.md"), { kind: "deliverable", path: "it's.md" });
    assert.deepEqual(parseRunLine("BROWSER: <http://localhost:3000>"), { kind: "browser", url: "http://localhost:3000/" });
  });

  it("opens only http and https URLs", () => {
    assert.deepEqual(parseRunLine("BROWSER: http://127.0.0.1:5173/app"), { kind: "browser", url: "http://127.0.0.1:5173/app" });
    assert.deepEqual(parseRunLine("BROWSER: HTTPS://Example.COM"), { kind: "browser", url: "https://example.com/" });
    assert.match(why("BROWSER: javascript:alert(1)"), /only http and https.*javascript:/);
    assert.match(why("BROWSER: file:///etc/passwd"), /only http and https.*file:/);
    assert.match(why("BROWSER: data:text/html,<b>x</b>"), /data:/);
    assert.match(why("BROWSER: vscode://settings"), /vscode:/);
    assert.match(why("BROWSER: not a url"), /not a URL/);
    assert.match(why("BROWSER: example.com"), /not a URL/);
    assert.match(why("BROWSER: http://"), /not a URL/);
  });

  it("strips a BOM at the start", () => {
    assert.deepEqual(parseRunLine("\uFEFFDONE"), { kind: "done" });
  });

  it("keeps a stray carriage return inside a value instead of failing the match", () => {
    assert.deepEqual(parseRunLine("STATUS: a\rb"), { kind: "status", message: "a\rb" });
  });

  it("ignores lines over the length limit, and accepts one at the limit", () => {
    const at = `STATUS: ${"x".repeat(MAX_LINE_LENGTH - 8)}`;
    assert.equal(at.length, MAX_LINE_LENGTH);
    assert.equal(parseRunLine(at).kind, "status");
    assert.match(why(`${at}x`), /too long/);
  });
});

describe("LineSplitter", () => {
  it("returns whole lines only and completes a partial line on a later push", () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push("STAT"), []);
    assert.deepEqual(s.push("US: 1"), []);
    assert.equal(s.pending, "STATUS: 1");
    assert.deepEqual(s.push("0%\nDONE\nERR"), ["STATUS: 10%", "DONE"]);
    assert.deepEqual(s.push("OR\n"), ["ERROR"]);
    assert.equal(s.pending, undefined);
  });

  it("handles CRLF, also when \\r and \\n arrive in different chunks", () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push("a\r\nb\r"), ["a"]);
    assert.deepEqual(s.push("\nc\r\n"), ["b", "c"]);
    assert.deepEqual(s.push("\r\r\n"), [""]);
  });

  it("keeps empty lines, so line counts match the file", () => {
    assert.deepEqual(new LineSplitter().push("\n\nx\n"), ["", "", "x"]);
  });

  it("flush takes the pending partial line once", () => {
    const s = new LineSplitter();
    s.push("x\nDONE\r");
    assert.equal(s.flush(), "DONE");
    assert.equal(s.flush(), undefined);
    assert.deepEqual(s.push("next\n"), ["next"]);
  });

  it("caps a line without line breaks so memory stays bounded, and the parser ignores it", () => {
    const s = new LineSplitter();
    for (let i = 0; i < 100; i++) assert.deepEqual(s.push("y".repeat(100_000)), []);
    assert.equal(s.pending!.length, MAX_LINE_LENGTH + 1);
    const [long, next] = s.push("tail\nDONE\n");
    assert.equal(long.length, MAX_LINE_LENGTH + 1);
    assert.match(why(long), /too long/);
    assert.equal(next, "DONE");
  });

  it("a line exactly at the limit followed by CRLF is kept whole", () => {
    const line = `DONE: ${"z".repeat(MAX_LINE_LENGTH - 6)}`;
    const [got] = new LineSplitter().push(`${line}\r\n`);
    assert.equal(got, line);
    assert.equal(parseRunLine(got).kind, "done");
  });
});
