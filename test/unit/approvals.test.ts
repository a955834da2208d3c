import * as assert from "node:assert/strict";
import { alwaysText, describePermission, displayPath, panelPermission, panelQuestion } from "../../src/approvals/askText";
import { proposedContent } from "../../src/review/engine/patchBaseline";
import { GrantStore, type GrantMemento } from "../../src/server/grants";
import type { PermissionRequest } from "../../src/protocol/ask";
import { fixtureNames, folderStreams, knownEvents, loadFixture } from "./recordedFixtures";

/** Every permission ask in the recordings, with the folder it was recorded in. */
function recordedAsks(): { folder: string; ask: PermissionRequest }[] {
  const out: { folder: string; ask: PermissionRequest }[] = [];
  for (const name of fixtureNames()) {
    const f = loadFixture(name);
    for (const [, frames] of folderStreams(f)) {
      for (const e of knownEvents(frames)) if (e.type === "permission.asked") out.push({ folder: String(f.header.workspace), ask: e.properties });
    }
  }
  return out;
}

describe("what an ask is about, in words (askText)", () => {
  it("names every recorded ask with a title and the detail the user decides on", () => {
    const asks = recordedAsks();
    assert.ok(asks.length >= 8, `only ${asks.length} recorded asks`);
    for (const { folder, ask } of asks) {
      const t = describePermission(ask, folder);
      assert.ok(t.title && t.detail, `${ask.permission} ask ${ask.id} has no words`);
      if (ask.permission === "edit") assert.ok(t.diff?.startsWith("Index:") && t.filepath, "edit asks carry the diff and the file");
    }
    const bash = asks.find(a => a.ask.permission === "bash")!;
    assert.deepEqual(describePermission(bash.ask, bash.folder), { title: "Run a command", detail: "echo hi-from-bash && echo written > bash-out.txt" });
    const outside = asks.find(a => a.ask.permission === "external_directory")!;
    assert.match(describePermission(outside.ask, outside.folder).detail, /\/outside$/);
    const edit = asks.find(a => a.ask.permission === "edit" && a.ask.patterns[0] === "README.md")!;
    assert.deepEqual(panelPermission(edit.ask, edit.folder), { kind: "permission", id: edit.ask.id, sessionID: edit.ask.sessionID, title: "Edit README.md", detail: "README.md", always: ["every file (*)"], hasDiff: true });
  });

  it("says what Always allow covers: an edit's \"*\" is every file", () => {
    const asks = recordedAsks();
    assert.equal(alwaysText(asks.find(a => a.ask.permission === "edit")!.ask), "every file (*)");
    assert.equal(alwaysText(asks.find(a => a.ask.permission === "bash")!.ask), "echo *");
  });

  it("shows paths relative inside the folder and absolute outside it", () => {
    assert.equal(displayPath("/w/app", "/w/app/src/a.ts"), "src/a.ts");
    assert.equal(displayPath("/w/app", "/w/other/a.ts"), "/w/other/a.ts");
    assert.equal(displayPath("/w/app", "/w/app-two/a.ts"), "/w/app-two/a.ts");
  });

  it("gives questions opencode's default of allowing a typed answer", () => {
    const q = panelQuestion({ id: "que_1", sessionID: "ses_1", questions: [
      { question: "Which?", header: "Pick", options: [{ label: "A", description: "" }] },
      { question: "Both?", header: "Many", options: [], multiple: true, custom: false },
    ] });
    assert.ok(q.kind === "question");
    assert.deepEqual(q.questions.map(x => [x.multiple, x.custom]), [[false, true], [true, false]]);
  });
});

describe("the content an edit ask proposes (proposedContent)", () => {
  const diffOf = (pattern: string) => recordedAsks().find(a => a.ask.patterns[0] === pattern)!.ask.metadata.diff as string;

  it("applies a recorded edit's diff to the file it was made against", () => {
    assert.equal(proposedContent("# fixture workspace\nhello world\n", diffOf("README.md")), "# fixture workspace\nhello there\n");
  });

  it("builds a new file from empty", () => {
    assert.equal(proposedContent("", diffOf("b.txt")), "BBB");
  });

  it("says when the file changed since the diff was made (the caller then shows the hunks alone)", () => {
    assert.equal(proposedContent("# fixture workspace\nsomething else entirely\n", diffOf("README.md")), undefined);
  });
});

describe("approvals kept across server restarts (GrantStore)", () => {
  function memento(initial: Record<string, unknown> = {}): GrantMemento & { data: Record<string, unknown> } {
    const data: Record<string, unknown> = { ...initial };
    return { data, get: <T>(k: string) => data[k] as T | undefined, update: async (k: string, v: unknown) => { data[k] = v; } };
  }

  it("keeps window grants once each, and puts saved ones first", async () => {
    const m = memento();
    const store = new GrantStore(m);
    store.add("/w", { permission: "bash", patterns: ["echo *"] });
    store.add("/w", { permission: "bash", patterns: ["echo *"] });
    await store.save("/w", { permission: "edit", patterns: ["*"] });
    assert.deepEqual(store.of("/w"), [{ permission: "edit", patterns: ["*"] }, { permission: "bash", patterns: ["echo *"] }]);
    assert.deepEqual(store.of("/other"), []);
    // Saved ones outlive this store (the window): a new store on the same workspace state has them.
    assert.deepEqual(new GrantStore(m).of("/w"), [{ permission: "edit", patterns: ["*"] }]);
  });

  it("removes a saved approval, and the folder's entry with its last one", async () => {
    const m = memento();
    const store = new GrantStore(m);
    await store.save("/w", { permission: "edit", patterns: ["*"] });
    await store.save("/w", { permission: "bash", patterns: ["git *"] });
    await store.removeSaved("/w", { permission: "edit", patterns: ["*"] });
    assert.deepEqual(store.saved("/w"), [{ permission: "bash", patterns: ["git *"] }]);
    await store.removeSaved("/w", { permission: "bash", patterns: ["git *"] });
    assert.deepEqual(m.data["opencode.savedApprovals"], {});
  });

  it("ignores malformed saved data instead of injecting it as config", () => {
    const store = new GrantStore(memento({ "opencode.savedApprovals": { "/w": [{ permission: "edit", patterns: ["*"] }, { permission: 3 }, { permission: "bash", patterns: [1] }], "/x": "junk" } }));
    assert.deepEqual(store.of("/w"), [{ permission: "edit", patterns: ["*"] }]);
    assert.deepEqual(store.of("/x"), []);
  });
});
