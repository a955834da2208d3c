// What `npm run package` would put in the VSIX: the .vscodeignore allowlist, checked with vsce itself.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../paths";

describe("packaging", () => {
  it("the VSIX holds exactly the bundles, media, manifest, README and LICENSE", function () {
    this.timeout(30_000);
    const vsce = path.join(repoRoot, "node_modules", ".bin", "vsce");
    const files = execFileSync(vsce, ["ls", "--no-dependencies"], { cwd: repoRoot, encoding: "utf8" }).split("\n").map(s => s.trim()).filter(Boolean).sort();
    assert.deepEqual(files.filter(f => !/^(dist\/(extension|core|webview|watchdog)\.js|media\/.+|package\.json|README\.md|LICENSE)$/.test(f)), [], "unexpected files in the VSIX");
    for (const required of ["dist/extension.js", "dist/core.js", "dist/watchdog.js", "dist/webview.js", "media/chat.css", "package.json", "README.md", "LICENSE"]) assert.ok(files.includes(required), `${required} missing`);
  });

  it("the manifest names the engine, entry point and contract the issues fix", () => {
    const pkg = require(path.join(repoRoot, "package.json"));
    assert.equal(pkg.engines.vscode, "^1.100.0");
    assert.equal(pkg.devDependencies["@types/vscode"], "1.100.0");
    assert.equal(pkg.devDependencies["opencode-ai"], "1.18.33");
    assert.equal(pkg.main, "./dist/extension.js");
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, "limited");
  });
});
