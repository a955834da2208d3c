// The pure parts of the session commands: the Markdown transcript, the session handle, the model a
// compaction uses and the share refusal.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { MessageWithParts } from "../../src/protocol/rest";
import { sessionMarkdown } from "../../src/sessions/engine/sessionExport";
import { parseSessionHandle, sessionHandle } from "../../src/sessions/engine/sessionHandle";
import { compactionModel } from "../../src/sessions/engine/compactModel";
import { shareRefusal, sharingAllowed } from "../../src/sessions/engine/shareRefusal";

const dir = path.resolve("/ws");
const ids = (m: string, p: string) => ({ id: p, sessionID: "ses_1", messageID: m });
const tool = (m: string, p: string, name: string, state: Record<string, unknown>) => ({ ...ids(m, p), type: "tool", tool: name, callID: `c${p}`, state });
const done = (input: Record<string, unknown>, metadata: Record<string, unknown> = {}, title = "") => ({ status: "completed", input, output: "x".repeat(10_000), title, metadata, time: { start: 1, end: 2 } });
const messages = (raw: unknown[]) => raw.map(r => MessageWithParts.parse(r));

const conversation = messages([
  { info: { id: "m1", sessionID: "ses_1", role: "user", time: { created: 1 } }, parts: [
    { ...ids("m1", "p1"), type: "text", text: "Fix   the bug\n" },
    { ...ids("m1", "p2"), type: "text", text: "inlined file content", synthetic: true },
    { ...ids("m1", "p3"), type: "file", mime: "text/plain", url: `file://${dir}/a.ts`, filename: "a.ts" },
  ] },
  { info: { id: "m2", sessionID: "ses_1", role: "assistant", time: { created: 2, completed: 3 }, agent: "build", providerID: "fake", modelID: "m-1" }, parts: [
    { ...ids("m2", "p4"), type: "reasoning", text: "thinking hidden" },
    tool("m2", "p5", "edit", done({ filePath: path.join(dir, "src", "a.ts"), oldString: "a", newString: "b" }, { filediff: { additions: 2, deletions: 1 } })),
    tool("m2", "p6", "bash", done({ command: "npm test\n  --silent" })),
    tool("m2", "p7", "read", { status: "error", input: { filePath: "/elsewhere/x.txt" }, error: "File not\nfound", time: { start: 1, end: 2 } }),
    tool("m2", "p8", "write", done({ filePath: path.join(dir, "new.md"), content: "one\ntwo\n" })),
    { ...ids("m2", "p9"), type: "text", text: "Fixed it." },
  ] },
  { info: { id: "m3", sessionID: "ses_1", role: "assistant", time: { created: 4, completed: 5 }, providerID: "other", modelID: "m-2",
    error: { name: "APIError", data: { message: "rate limited", statusCode: 429 } } }, parts: [] },
]);

describe("session export (Markdown transcript)", () => {
  it("title, facts, user and assistant turns, one line per tool call, edits as +adds −dels, errors; no tool output, no synthetic text", () => {
    const md = sessionMarkdown({ id: "ses_1", title: "Bug\nhunt", created: 0, directory: dir }, conversation, ms => `T${ms}`);
    assert.equal(md, [
      "# Bug hunt", "",
      "- Session: `ses_1`", `- Folder: ${dir}`, "- Created: T0", "- Model: fake/m-1, other/m-2", "",
      "## User · T1", "", "Fix   the bug", "", "- Attached: a.ts", "",
      "## Assistant (build · fake/m-1) · T2", "",
      `- \`edit\` ${path.join("src", "a.ts")} +2 −1 (completed)`,
      "- `bash` npm test --silent (completed)",
      "- `read` /elsewhere/x.txt (error: File not found)",
      "- `write` new.md +2 lines written (completed)",
      "", "Fixed it.", "",
      "## Assistant (other/m-2) · T4", "", "> **Error** (APIError): rate limited", "",
    ].join("\n"));
  });

  it("an untitled empty session still has a heading and no model line", () => {
    assert.equal(sessionMarkdown({ id: "ses_2", title: "", created: 0, directory: dir }, [], () => "T"), `# Untitled session\n\n- Session: \`ses_2\`\n- Folder: ${dir}\n- Created: T\n`);
  });

  it("the default date is UTC to the minute", () => {
    assert.match(sessionMarkdown({ id: "ses_3", title: "t", created: Date.UTC(2026, 0, 2, 3, 4, 5), directory: dir }, []), /- Created: 2026-01-02 03:04 UTC/);
  });
});

describe("session handle", () => {
  it("round-trips a folder path (even one with # in it) and an id", () => {
    const h = sessionHandle("/home/me/my#proj", "ses_abc-DEF_1");
    assert.equal(h, "/home/me/my#proj#ses_abc-DEF_1");
    assert.deepEqual(parseSessionHandle(h), { sessionID: "ses_abc-DEF_1", folderPath: "/home/me/my#proj" });
  });
  it("takes a bare id, trimmed", () => assert.deepEqual(parseSessionHandle("  ses_1  "), { sessionID: "ses_1" }));
  it("refuses what is not a session id, and a handle without a folder", () => {
    for (const bad of ["", "msg_1", "ses_", "ses_a/b", "ses_a b", "ses_../x", `ses_${"a".repeat(197)}`, "/ws#msg_1"]) assert.ok("error" in parseSessionHandle(bad), bad);
    assert.match((parseSessionHandle("#ses_1") as { error: string }).error, /no folder/);
  });
});

describe("compaction model", () => {
  it("the last assistant message's model, else the answering model, else none", () => {
    assert.deepEqual(compactionModel(conversation, { providerID: "a", modelID: "b" }), { providerID: "other", modelID: "m-2" });
    assert.deepEqual(compactionModel(conversation.slice(0, 1), { providerID: "a", modelID: "b" }), { providerID: "a", modelID: "b" });
    assert.equal(compactionModel([], undefined), undefined);
  });
});

describe("share refusal", () => {
  it("names the setting when the config disables sharing; allows manual and auto", () => {
    assert.match(shareRefusal({ share: "disabled" }) ?? "", /"share": "disabled".*"manual"/);
    assert.equal(sharingAllowed({ share: "disabled" }), false);
    for (const share of ["manual", "auto", undefined]) assert.equal(sharingAllowed({ share }), true);
  });
});
