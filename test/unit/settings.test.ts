// Settings drift: every key src/host/config.ts reads is contributed in package.json with the same default,
// and the security-relevant scopes hold (machine-scoped executable and server URL, restricted rules).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../paths";
import { buildOpencodeConfig, withGrants } from "../../src/server/opencodeConfig";

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const contributed = pkg.contributes.configuration.properties as Record<string, { default: unknown; scope?: string }>;
// src/host/config.ts imports vscode, so its table is read as text rather than imported.
const configSource = fs.readFileSync(path.join(repoRoot, "src", "host", "config.ts"), "utf8");
const declared = [...configSource.matchAll(/setting(?:<[^(]*>)?\("([^"]+)",\s*(.*)\),\s*$/gm)].map(m => ({ key: `opencode.${m[1]}`, def: JSON.parse(m[2].replace(/'/g, '"')) }));

describe("settings", () => {
  it("every setting read in code is contributed with the same default, and vice versa", () => {
    assert.ok(declared.length >= 8);
    for (const d of declared) {
      assert.ok(contributed[d.key], `${d.key} is not in package.json`);
      assert.deepEqual(contributed[d.key].default, d.def, `${d.key} default differs`);
    }
    assert.deepEqual(Object.keys(contributed).sort(), declared.map(d => d.key).sort());
  });

  it("a repository cannot choose the executable or redirect prompts, nor set MCP or permissions untrusted", () => {
    assert.equal(contributed["opencode.path"].scope, "machine");
    assert.equal(contributed["opencode.serverUrl"].scope, "machine");
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), ["opencode.mcp", "opencode.permissions"]);
  });
});

describe("buildOpencodeConfig", () => {
  it("passes only the keys the user set", () => {
    const built = buildOpencodeConfig({ model: "", agent: "", permissions: {}, instructions: [], mcp: {} });
    assert.deepEqual(built, { ok: true, config: {} });
  });

  it("maps settings to opencode's config keys", () => {
    const built = buildOpencodeConfig({ model: "anthropic/claude", agent: "plan", instructions: ["AGENTS.md"], permissions: { bash: "ask" },
      mcp: { docs: { type: "local", command: ["npx", "docs-mcp"] } } });
    assert.deepEqual(built, { ok: true, config: { model: "anthropic/claude", default_agent: "plan", instructions: ["AGENTS.md"], permission: { bash: "ask" },
      mcp: { docs: { type: "local", command: ["npx", "docs-mcp"] } } } });
  });

  it("names the offending setting when a value is invalid", () => {
    const built = buildOpencodeConfig({ model: "no-slash", permissions: { bash: "sometimes" }, mcp: { x: { type: "remote", url: "not a url" } } });
    assert.equal(built.ok, false);
    const settings = !built.ok ? built.errors.map(e => e.setting).sort() : [];
    assert.deepEqual(settings, ["opencode.mcp.x.url", "opencode.model", "opencode.permissions.bash"]);
  });

  it("re-injects always-grants as allow patterns on top of the user's rule", () => {
    assert.deepEqual(withGrants({ bash: "ask" }, [{ permission: "bash", patterns: ["git status*"] }, { permission: "edit", patterns: ["*"] }]),
      { bash: { "*": "ask", "git status*": "allow" }, edit: { "*": "allow" } });
  });

  it("puts every grant last in its map, where opencode's last-matching-key rule lets it win", () => {
    // The user's "git *" key sits before their "*": ask; updated in place, the grant would lose to "*".
    const rules = withGrants({ bash: { "git *": "ask", "*": "ask", "rm *": "deny" }, edit: { "*": "allow", "src/*": "ask" } },
      [{ permission: "bash", patterns: ["git *", "echo *"] }, { permission: "edit", patterns: ["*"] }]);
    assert.deepEqual(Object.entries(rules.bash), [["*", "ask"], ["rm *", "deny"], ["git *", "allow"], ["echo *", "allow"]]);
    assert.deepEqual(Object.entries(rules.edit), [["src/*", "ask"], ["*", "allow"]]);
  });

  it("adds the demo provider only in demo mode, and keeps a model the user chose", () => {
    const demo = buildOpencodeConfig({}, [], "http://127.0.0.1:9/v1");
    assert.ok(demo.ok && demo.config.model === "demo/demo-model");
    const chosen = buildOpencodeConfig({ model: "anthropic/claude" }, [], "http://127.0.0.1:9/v1");
    assert.ok(chosen.ok && chosen.config.model === "anthropic/claude");
  });
});
