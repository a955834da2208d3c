// Settings: every key read in code is contributed in package.json with the same default, the
// security-relevant scopes hold, and every setting with a wrong type or value gets a problem that
// names it and the value used instead, the safe one, without dropping any other setting.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../paths";
import { buildOpencodeConfig, withGrants } from "../../src/server/opencodeConfig";
import { Settings } from "../../src/settings/settingSpecs";
import { longestTimerMinutes } from "../../src/settings/checks";

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
const contributed = pkg.contributes.configuration.properties as Record<string, { default: unknown; scope?: string }>;
const specs = Object.values(Settings) as { key: string; check: (raw: unknown, key: string) => { value: unknown; problem?: string } }[];

describe("settings", () => {
  it("every setting read in code is contributed with the same default, and vice versa", () => {
    for (const s of specs) {
      const key = `opencode.${s.key}`;
      assert.ok(contributed[key], `${key} is not in package.json`);
      const unset = s.check(undefined, s.key);
      assert.equal(unset.problem, undefined, `${key} unset is no problem`);
      assert.deepEqual(s.check(contributed[key].default, s.key), { value: unset.value }, `${key}: package.json's default reads as the unset value`);
    }
    assert.deepEqual(Object.keys(contributed).sort(), specs.map(s => `opencode.${s.key}`).sort());
  });

  it("a repository cannot choose the executable or redirect prompts, nor set MCP or permissions untrusted", () => {
    assert.equal(contributed["opencode.path"].scope, "machine");
    assert.equal(contributed["opencode.serverUrl"].scope, "machine");
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.sort(), ["opencode.mcp", "opencode.permissions"]);
  });

  // Each row: a wrong value as settings.json can hold it, and the value used instead.
  const wrong: [keyof typeof Settings, unknown, unknown][] = [
    ["path", 42, ""], ["path", { bin: "x" }, ""], ["path", ["opencode"], ""],
    ["serverUrl", 4096, ""], ["serverUrl", "localhost:4096", ""], ["serverUrl", "not a url", ""], ["serverUrl", "http://example.com:4096", ""],
    ["serverUrl", "ftp://127.0.0.1:21", ""],
    ["idleTimeoutMinutes", "ten", 10], ["idleTimeoutMinutes", "5", 10], ["idleTimeoutMinutes", { m: 5 }, 10], ["idleTimeoutMinutes", -1, 10],
    ["idleTimeoutMinutes", Number.NaN, 10], ["idleTimeoutMinutes", 35_792, longestTimerMinutes], ["idleTimeoutMinutes", 1e12, longestTimerMinutes],
    ["model", "no-slash", ""], ["model", 7, ""], ["model", "anthropic/ spaced", ""],
    ["agent", 3, ""], ["agent", ["build"], ""],
    ["permissions", "allow", { "*": "ask" }], ["permissions", ["bash"], { "*": "ask" }], ["permissions", 1, { "*": "ask" }],
    ["permissions", { bash: "ask", edit: "ASK" }, { bash: "ask", edit: "ask" }],
    ["permissions", { bash: { "git *": "allow", "rm *": "nope" } }, { bash: { "git *": "allow", "rm *": "ask" } }],
    ["permissions", { webfetch: { "*": "allow" } }, { webfetch: "ask" }], ["permissions", { read: true }, { read: "ask" }],
    ["instructions", "AGENTS.md", []], ["instructions", ["AGENTS.md", 3, ""], ["AGENTS.md"]],
    ["mcp", "server", {}], ["mcp", { ok: { type: "local", command: ["node", "s.js"] }, bad: { type: "local", command: "node s.js" } }, { ok: { type: "local", command: ["node", "s.js"] } }],
    ["notifyApprovals", "false", false], ["notifyApprovals", "TRUE", true], ["notifyApprovals", 0, true], ["notifyApprovals", "no", true],
    ["saveBeforePrompt", "Ask", "ask"], ["saveBeforePrompt", "ALWAYS", "ask"], ["saveBeforePrompt", true, "ask"], ["saveBeforePrompt", "sometimes", "ask"],
    ["runTemplates", "explain it", {}], ["runTemplates", { explainFile: "", writeTests: "Write tests for ${file}" }, { writeTests: "Write tests for ${file}" }],
  ];
  for (const [name, raw, used] of wrong) {
    it(`opencode.${Settings[name].key} = ${JSON.stringify(raw) ?? String(raw)}: named, with the value used instead`, () => {
      const { value, problem } = Settings[name].check(raw, Settings[name].key);
      assert.deepEqual(value, used);
      assert.ok(problem, "a problem is reported");
      assert.match(problem!, new RegExp(`^opencode\\.${Settings[name].key.replace(".", "\\.")}`), "it names the setting");
      assert.match(problem!, /; (using|asking|leaving|starting|searching|not starting)/, "it says what is used instead");
    });
  }

  it("valid values pass unchanged and without a problem", () => {
    const good: [keyof typeof Settings, unknown][] = [["path", "/usr/bin/opencode"], ["serverUrl", "http://127.0.0.1:4096"], ["idleTimeoutMinutes", 0],
      ["idleTimeoutMinutes", 2.5], ["model", "anthropic/claude-sonnet-4-5"], ["permissions", { bash: { "*": "ask", "git *": "allow" }, webfetch: "deny" }],
      ["notifyApprovals", false], ["saveBeforePrompt", "never"], ["instructions", ["a.md"]]];
    for (const [name, raw] of good) assert.deepEqual(Settings[name].check(raw, Settings[name].key), { value: raw }, name);
  });

  it("a huge wrong value is shown shortened", () => {
    const { problem } = Settings.path.check({ text: "x".repeat(10_000) }, "path");
    assert.ok(problem!.length < 200, problem);
  });
});

describe("buildOpencodeConfig", () => {
  it("passes only the keys the user set", () => {
    const built = buildOpencodeConfig({ model: "", agent: "", permissions: {}, instructions: [], mcp: {} });
    assert.deepEqual(built, { config: {}, errors: [] });
  });

  it("maps settings to opencode's config keys", () => {
    const built = buildOpencodeConfig({ model: "anthropic/claude", agent: "plan", instructions: ["AGENTS.md"], permissions: { bash: "ask" },
      mcp: { docs: { type: "local", command: ["npx", "docs-mcp"] } } });
    assert.deepEqual(built, { errors: [], config: { model: "anthropic/claude", default_agent: "plan", instructions: ["AGENTS.md"], permission: { bash: "ask" },
      mcp: { docs: { type: "local", command: ["npx", "docs-mcp"] } } } });
  });

  it("names each invalid setting and keeps the valid ones: a bad model never takes the permission rules with it", () => {
    const built = buildOpencodeConfig({ model: "no-slash", agent: "plan", permissions: { bash: "sometimes", edit: "deny" }, mcp: { x: { type: "remote", url: "not a url" }, y: { type: "local", command: ["node"] } } },
      [{ permission: "read", patterns: ["*.md"] }]);
    assert.deepEqual(built.errors.map(e => e.setting).sort(), ["opencode.mcp", "opencode.model", "opencode.permissions"]);
    assert.match(built.errors.find(e => e.setting === "opencode.permissions")!.message, /^opencode\.permissions\.bash: "sometimes" is not allow, ask or deny.*; asking$/);
    assert.match(built.errors.find(e => e.setting === "opencode.mcp")!.message, /^opencode\.mcp\.x: url .*; not starting it$/);
    assert.deepEqual(built.config, { default_agent: "plan", mcp: { y: { type: "local", command: ["node"] } },
      permission: { bash: "ask", edit: "deny", read: { "*.md": "allow" } } });
  });

  it("fails closed: the review's case asks for bash and edit, and saved approvals still apply", () => {
    const built = buildOpencodeConfig({ permissions: { bash: "ask", edit: "ASK" } }, [{ permission: "bash", patterns: ["git status*"] }]);
    assert.deepEqual(built.config.permission, { bash: { "*": "ask", "git status*": "allow" }, edit: "ask" });
    assert.deepEqual(built.errors.map(e => e.setting), ["opencode.permissions"]);
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
    assert.equal(demo.config.model, "demo/demo-model");
    const chosen = buildOpencodeConfig({ model: "anthropic/claude" }, [], "http://127.0.0.1:9/v1");
    assert.equal(chosen.config.model, "anthropic/claude");
  });
});
