// File-path detection in model output (webview/markdown/paths.ts).
import * as assert from "node:assert/strict";
import { findPaths } from "../../webview/markdown/paths";

const pick = (text: string, bare = false) => findPaths(text, bare).map(p => (p.line ? `${p.path}:${p.line}` : p.path));

describe("markdown file paths", () => {
  it("finds relative, dotted, absolute and Windows paths, with :line and #L", () => {
    assert.deepEqual(pick("see src/a.ts:12 and ./x/y.py, then ../up/z.rs:3:7."), ["src/a.ts:12", "./x/y.py", "../up/z.rs:3"]);
    assert.deepEqual(pick("open /work/api/src/index.ts#L40 or C:\\repo\\src\\a.cs:9"), ["/work/api/src/index.ts:40", "C:\\repo\\src\\a.cs:9"]);
    assert.deepEqual(pick("./main.go and webview/markdown/paths.ts"), ["./main.go", "webview/markdown/paths.ts"]);
    assert.deepEqual(pick("types in src/types.d.ts:1"), ["src/types.d.ts:1"]);
  });

  it("gives the span of the path and its line suffix", () => {
    assert.deepEqual(findPaths("at src/a.ts:12, ok"), [{ start: 3, end: 14, path: "src/a.ts", line: 12 }]);
  });

  it("accepts bare file names only in inline code", () => {
    assert.deepEqual(pick("edit package.json now"), []);
    assert.deepEqual(pick("package.json", true), ["package.json"]);
    assert.deepEqual(pick("README.md:3", true), ["README.md:3"]);
  });

  it("leaves URLs, versions, domains, e.g. and sentence ends alone", () => {
    assert.deepEqual(pick("https://example.com/a/b.js and http://x.io/src/a.ts:3"), []);
    assert.deepEqual(pick("www.example.com/path/file.html"), []);
    assert.deepEqual(pick("version 1.2.3, e.g. this, i.e. that. done/ok"), []);
    assert.deepEqual(pick("1.2.3 and v2.0", true), []);
    assert.deepEqual(pick("user@host.com/a.ts"), []);
    assert.deepEqual(pick("src/chat/ is a folder"), []);
  });
});
