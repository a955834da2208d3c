// The one allow-list of link targets (src/shared/linkScheme.ts), and the CSP directives that keep
// a page from being re-pointed (base-uri) or submitting anywhere (form-action).
import * as assert from "node:assert/strict";
import { linkTarget, webHref } from "../../src/shared/linkScheme";
import { contentSecurityPolicy } from "../../src/shared/webviewHtml";

const refused = [
  "javascript:alert(1)", "JAVASCRIPT:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)",
  "java\rscript:alert(1)", " \x01javascript:alert(1)", "javascript\t:alert(1)", "\x00javascript:alert(1)", "javascript:",
  "a1:payload", "x-1:y", "web+evil:z", "a.b:c", "data:text/html,<script>alert(1)</script>", "DATA:image/png;base64,AAAA",
  "vbscript:msgbox(1)", "VBScript:msgbox(1)", "file:///etc/passwd", "command:workbench.action.terminal.new",
  "vscode://ms-vscode.remote/x", "vscode-webview://abc/index.html", "blob:http://x/uuid", "ftp://example.com/a",
  "tel:+123", "chrome://settings", "about:blank", "//evil.example/x", "\\\\evil.example\\x", "/\\evil.example", "\\/evil.example",
  " //evil.example", "\t//evil.example", "/\t/evil.example",
];

describe("link schemes: one allow-list", () => {
  for (const raw of refused) {
    it(`refuses ${JSON.stringify(raw)}`, () => {
      assert.equal(linkTarget(raw), undefined);
      assert.equal(webHref(raw), undefined);
    });
  }

  it("allows http, https and mailto (any case), cleaned the way the browser cleans them", () => {
    assert.deepEqual(linkTarget("https://example.com/a?b#c"), { kind: "web", href: "https://example.com/a?b#c" });
    assert.deepEqual(linkTarget("HTTP://Example.com"), { kind: "web", href: "HTTP://Example.com" });
    assert.deepEqual(linkTarget("  https://exa\tmple.com \n"), { kind: "web", href: "https://example.com" });
    assert.deepEqual(linkTarget("mailto:a@example.com"), { kind: "mail", href: "mailto:a@example.com" });
    assert.equal(webHref("https://example.com"), "https://example.com");
  });

  it("scheme-less references are relative (paths and anchors, for the file-link handling); never web links", () => {
    for (const raw of ["src/a.ts", "./x/y.py:3", "../up.md", "/abs/path.ts", "#anchor", "README.md#L2", "C:\\work\\a.cs", "c:/work/a.cs", "~/notes.txt", "1a:b", "?q=1"]) {
      assert.equal(linkTarget(raw)?.kind, "relative", raw);
      assert.equal(webHref(raw), undefined, raw);
    }
  });

  it("empty and blank hrefs are nothing", () => {
    for (const raw of ["", " ", "\t\n"]) assert.equal(linkTarget(raw), undefined, JSON.stringify(raw));
  });

  it("the CSP sets base-uri and form-action to 'none' (default-src does not cover them)", () => {
    const csp = contentSecurityPolicy("n0nce", "https://ext.example").split(/;\s*/);
    assert.ok(csp.includes("base-uri 'none'"), csp.join("; "));
    assert.ok(csp.includes("form-action 'none'"), csp.join("; "));
  });
});
