// What `npm run package` would put in the VSIX: the .vscodeignore allowlist, checked with vsce itself.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
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
      "opencode.server.start", "opencode.server.stop", "opencode.server.restart", "opencode.server.showLog"]) assert.ok(contributed.has(id), id);
    assert.ok(pkg.activationEvents.includes("onWebviewPanel:opencode.chatPanel"), "editor panels restore after a reload only with this activation event");
  });
});
