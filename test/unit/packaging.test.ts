// What `npm run package` puts in the VSIX: the .vscodeignore allowlist, checked with vsce itself,
// and a real package (production build in a scratch copy) proving the webview's lazy chunks ship.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../paths";
import { chunkClosure, cleanVsix, packageVsix, type PackagedVsix } from "../harness/packageVsix";

/** dist/ holds the host bundles, the webview entry and its hashed chunks; nothing else ships but media and the manifest. */
const allowed = /^(dist\/(extension|watchdog)\.js|dist\/webview\/main\.js|dist\/webview\/chunks\/[\w-]+\.js|media\/.+|package\.json|README\.md|LICENSE)$/;
const required = ["dist/extension.js", "dist/watchdog.js", "dist/webview/main.js", "media/chat.css", "media/markdown.css", "media/asks.css", "package.json", "README.md", "LICENSE"];
/** The initial webview chunk, minified: parsed before the panel paints anything. */
const mainBudgetBytes = 300 * 1024;

describe("packaging", () => {
  it("the VSIX holds exactly the bundles, media, manifest, README and LICENSE (vsce ls)", function () {
    this.timeout(30_000);
    const vsce = path.join(repoRoot, "node_modules", ".bin", "vsce");
    const files = execFileSync(vsce, ["ls", "--no-dependencies"], { cwd: repoRoot, encoding: "utf8" }).split("\n").map(s => s.trim()).filter(Boolean).sort();
    assert.deepEqual(files.filter(f => !allowed.test(f)), [], "unexpected files in the VSIX");
    for (const r of required) assert.ok(files.includes(r), `${r} missing`);
    assert.ok(files.some(f => f.startsWith("dist/webview/chunks/")), "no webview chunk listed");
  });

  describe("a packaged VSIX (production build, vsce package)", function () {
    this.timeout(180_000);
    let vsix: PackagedVsix;
    before(async () => { vsix = await packageVsix(); });
    after(() => vsix && cleanVsix(vsix));

    it("holds only allowlisted files, and every required one", () => {
      // vsce stores README.md as readme.md and LICENSE as LICENSE.txt inside the package.
      const files = vsix.files.map(f => ({ "readme.md": "README.md", "LICENSE.txt": "LICENSE" })[f] ?? f);
      assert.deepEqual(files.filter(f => !allowed.test(f)), [], "unexpected files in the VSIX");
      for (const r of required) assert.ok(files.includes(r), `${r} missing`);
      assert.ok(!vsix.files.some(f => f.endsWith(".map")), "source maps shipped");
    });

    it("ships every chunk main.js imports, transitively, including each highlight.js language", () => {
      const closure = chunkClosure(vsix.extensionDir, "dist/webview/main.js");
      assert.deepEqual(closure.filter(f => !vsix.files.includes(f)), [], "chunks referenced but not shipped");
      for (const lang of ["typescript", "python", "rust", "bash"]) {
        assert.ok(closure.some(f => new RegExp(`^dist/webview/chunks/${lang}-\\w+\\.js$`).test(f)), `no ${lang} chunk in ${closure.join(", ")}`);
      }
    });

    it(`keeps the initial webview chunk under ${mainBudgetBytes / 1024} KB minified`, () => {
      const size = fs.statSync(path.join(vsix.extensionDir, "dist", "webview", "main.js")).size;
      console.log(`      dist/webview/main.js: ${(size / 1024).toFixed(1)} KB minified`);
      assert.ok(size < mainBudgetBytes, `${size} bytes`);
    });
  });

  it("the manifest names the engine, entry point and contract the issues fix", () => {
    const pkg = require(path.join(repoRoot, "package.json"));
    assert.equal(pkg.engines.vscode, "^1.100.0");
    assert.equal(pkg.devDependencies["@types/vscode"], "1.100.0");
    assert.equal(pkg.devDependencies["opencode-ai"], "1.18.33");
    assert.equal(pkg.main, "./dist/extension.js");
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, "limited");
  });

  it("contributes exactly the commands the code registers (test hooks aside), with the issues' contract ids", () => {
    const pkg = require(path.join(repoRoot, "package.json"));
    const contributed = new Set<string>(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const sources = fs.readdirSync(path.join(repoRoot, "src"), { recursive: true, encoding: "utf8" }).filter(f => f.endsWith(".ts"));
    const registered = new Set<string>();
    for (const f of sources) {
      for (const m of fs.readFileSync(path.join(repoRoot, "src", f), "utf8").matchAll(/register(?:TextEditor)?Command\("(opencode\.[\w.]+)"/g)) {
        if (!m[1].startsWith("opencode.test.")) registered.add(m[1]);
      }
    }
    assert.deepEqual([...registered].sort(), [...contributed].sort());
    for (const id of ["opencode.openChat", "opencode.openChatInEditor", "opencode.newSession", "opencode.addSelectionToChat", "opencode.stop",
      "opencode.server.start", "opencode.server.stop", "opencode.server.restart", "opencode.server.showLog",
      "opencode.reviewChanges", "opencode.keepAll", "opencode.undoAll",
      "opencode.runTask", "opencode.askAboutSelection", "opencode.explainFile", "opencode.fixProblems", "opencode.writeTests"]) assert.ok(contributed.has(id), id);
    assert.ok(pkg.activationEvents.includes("onWebviewPanel:opencode.chatPanel"), "editor panels restore after a reload only with this activation event");
  });
});
