import * as assert from "node:assert/strict";
import { callPattern, whyAllowed, wildcardMatch } from "../../src/server/whyAllowed";
import { WhyRanBook } from "../../src/conversation/whyRanBook";
import type { Action } from "../../src/protocol/reducer";

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

describe("the labels of a window's tool calls (WhyRanBook)", () => {
  const folder = "file:///repo";
  const ended = (callID: string, tool: string, input: Record<string, unknown>, sessionID = "ses_1"): Action => ({ kind: "event", event: { type: "message.part.updated", properties: { part: {
    id: `prt_${callID}`, sessionID, messageID: "msg_1", type: "tool", tool, callID,
    state: { status: "completed", input, output: "", title: "", metadata: {}, time: { start: 1, end: 2 } } } } } } as Action);
  const rules = () => ({ settings: { bash: { "echo *": "allow" } as const }, saved: [], window: [] });

  it("labels calls by how their ask was answered, or by the rules when there was none; an asked call gets none", () => {
    const book = new WhyRanBook();
    book.saw(folder, "c_user", "user");
    book.saw(folder, "c_user", "autoApprove");
    book.saw(folder, "c_auto", "autoApprove");
    book.saw(folder, "c_run", "runPolicy");
    book.saw(folder, "c_released", "runPolicy");
    book.saw(folder, "c_released", "user");
    for (const id of ["c_user", "c_auto", "c_run", "c_released"]) book.onAction(folder, "/repo", ended(id, "write", { filePath: "/repo/a" }), rules);
    assert.ok(book.onAction(folder, "/repo", ended("c_rule", "bash", { command: "echo hi" }), rules));
    assert.ok(!book.onAction(folder, "/repo", ended("c_read", "read", { filePath: "/repo/a" }), rules), "read-only tools get no label");
    book.onAction(folder, "/repo", ended("c_child", "bash", { command: "ls" }, "ses_child"), rules);
    assert.deepEqual(book.labels(folder, ["ses_1"]), {
      c_auto: "auto-approve edits", c_run: "the run's own-folder policy", c_rule: `bash: "echo *" → allow (opencode.permissions)`,
    });
    assert.deepEqual(book.labels(folder, ["ses_child"]), { c_child: "opencode's default or a project opencode.json rule" });
    book.drop(folder);
    assert.deepEqual(book.labels(folder, ["ses_1", "ses_child"]), {});
  });

  it("labels a call only when it ends, not while it runs (its ask comes while it runs)", () => {
    const book = new WhyRanBook();
    const running = ended("c1", "bash", { command: "echo x" }) as { event: { properties: { part: { state: { status: string } } } } };
    running.event.properties.part.state.status = "running";
    assert.ok(!book.onAction(folder, "/repo", running as unknown as Action, rules));
    assert.deepEqual(book.labels(folder, ["ses_1"]), {});
  });
});
