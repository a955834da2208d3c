import * as assert from "node:assert/strict";
import { callPattern, whyAllowed, wildcardMatch } from "../../src/server/whyAllowed";

const root = "/repo";
const none = { settings: {}, saved: [], window: [] };

describe("why a tool ran without asking (whyAllowed)", () => {
  it("matches opencode's wildcard: * spans slashes, ? is one character, a trailing \" *\" is optional", () => {
    assert.ok(wildcardMatch("git status --short", "git status*"));
    assert.ok(wildcardMatch("src/a/b.ts", "src/*"));
    assert.ok(wildcardMatch("ls", "ls *"));
    assert.ok(wildcardMatch("a.ts", "?.ts"));
    assert.ok(!wildcardMatch("rm -rf x", "git *"));
    assert.ok(!wildcardMatch("axts", "a.ts"), "regex characters are literal");
  });

  it("checks edits by their path relative to the root, bash by its command", () => {
    assert.equal(callPattern("write", { filePath: "/repo/src/a.ts" }, root), "src/a.ts");
    assert.equal(callPattern("bash", { command: "npm test" }, root), "npm test");
    assert.equal(callPattern("read", { filePath: "/repo/a" }, root), undefined);
  });

  it("labels no read-only tool", () => {
    for (const tool of ["read", "glob", "grep", "list", "todowrite", "lsp"]) assert.equal(whyAllowed(tool, {}, root, none), undefined, tool);
  });

  it("names the opencode.permissions rule that allowed the call, the last matching one winning", () => {
    const settings = { bash: { "*": "ask", "git status*": "allow" } as const, webfetch: "allow" as const };
    const sources = { settings, saved: [], window: [] };
    assert.equal(whyAllowed("bash", { command: "git status" }, root, sources), `bash: "git status*" → allow (opencode.permissions)`);
    assert.equal(whyAllowed("webfetch", { url: "https://x.dev" }, root, sources), "webfetch → allow (opencode.permissions)");
    assert.equal(whyAllowed("bash", { command: "rm x" }, root, sources), "unknown", "an ask rule cannot explain a call that ran unasked");
  });

  it("names a saved approval and an \"Always allow\" of this window, which come after the settings", () => {
    const settings = { bash: { "npm *": "ask" } as const, edit: "ask" as const };
    const sources = { settings, saved: [{ permission: "bash", patterns: ["npm test*"] }], window: [{ permission: "edit", patterns: ["src/*"] }] };
    assert.equal(whyAllowed("bash", { command: "npm test" }, root, sources), "saved approval: npm test*");
    assert.equal(whyAllowed("edit", { filePath: "/repo/src/a.ts" }, root, sources), `"Always allow" in this window: src/*`);
    assert.equal(whyAllowed("edit", { filePath: "/repo/docs/a.md" }, root, sources), "unknown");
  });

  it("falls back to opencode's default when no rule of ours matches", () => {
    assert.equal(whyAllowed("bash", { command: "ls" }, root, none), "opencode's default or a project opencode.json rule");
    assert.equal(whyAllowed("task", { subagent_type: "general" }, root, { settings: { "*": "ask", task: "allow" }, saved: [], window: [] }), "task → allow (opencode.permissions)");
  });
});
