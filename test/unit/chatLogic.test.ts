import * as assert from "node:assert/strict";
import { HeldPrompts } from "../../src/conversation/heldPrompts";
import { splitUnifiedDiff } from "../../src/common/unifiedDiff";
import { actionForSession, sessionOfEvent } from "../../src/protocol/sessionOf";
import { reduce, type Action } from "../../src/protocol/reducer";
import { createFolderState, findSession } from "../../src/protocol/state";
import { fuzzyRank, fuzzyScore } from "../../src/common/fuzzy";
import { isInside } from "../../src/common/paths";
import * as path from "node:path";
import { fixtureNames, folderStreams, knownEvents, loadFixture } from "./recordedFixtures";

describe("HeldPrompts (prompts sent while busy)", () => {
  const prompt = (text: string) => ({ text, parts: [{ type: "text" as const, text }], options: {} });

  it("sends one at a time, in order, and ignores the duplicate idle opencode sends after errors", () => {
    const held = new HeldPrompts();
    held.hold("s1", prompt("a"));
    held.hold("s1", prompt("b"));
    assert.equal(held.next("s1")?.text, "a");
    assert.equal(held.next("s1"), undefined, "a second idle before the session was busy again sends nothing");
    held.busy("s1");
    assert.equal(held.next("s1")?.text, "b");
    held.busy("s1");
    assert.equal(held.next("s1"), undefined);
  });

  it("edits the text part only, removes, and hands everything back on Stop", () => {
    const held = new HeldPrompts();
    const changes: string[] = [];
    held.onDidChange(id => changes.push(id));
    const a = held.hold("s1", { text: "a", parts: [{ type: "text", text: "a" }, { type: "file", mime: "text/plain", url: "file:///x" }], options: {} });
    const b = held.hold("s1", prompt("b"));
    assert.ok(held.edit("s1", a.id, "A"));
    assert.deepEqual(held.list("s1")[0].parts, [{ type: "text", text: "A" }, { type: "file", mime: "text/plain", url: "file:///x" }]);
    assert.equal(held.remove("s1", b.id)?.text, "b");
    assert.equal(held.edit("s1", b.id, "gone"), false);
    assert.deepEqual(held.takeAll("s1").map(p => p.text), ["A"]);
    assert.deepEqual(held.list("s1"), []);
    assert.deepEqual(changes, ["s1", "s1", "s1", "s1", "s1"]);
    assert.deepEqual(held.list("other"), []);
  });
});

describe("splitUnifiedDiff (an edit's hunks in the diff editor)", () => {
  it("puts removed lines left, added lines right, context on both, and marks hunk gaps", () => {
    const patch = ["Index: a.ts", "===", "--- a.ts", "+++ a.ts", "@@ -1,3 +1,3 @@", " keep", "-old", "+new", "\\ No newline at end of file", "@@ -10,1 +10,2 @@", " ctx", "+added"].join("\n");
    assert.deepEqual(splitUnifiedDiff(patch), { before: "keep\nold\n⋯\nctx", after: "keep\nnew\n⋯\nctx\nadded" });
  });
  it("gives two empty sides for no patch", () => {
    assert.deepEqual(splitUnifiedDiff(""), { before: "", after: "" });
  });
});

describe("sessionOfEvent (a panel forwards only its session's events)", () => {
  it("names a session for every session-scoped event of every recording, and none for server events", () => {
    let scoped = 0;
    for (const name of fixtureNames()) {
      for (const [, frames] of folderStreams(loadFixture(name))) {
        for (const event of knownEvents(frames)) {
          const id = sessionOfEvent(event);
          if (["server.connected", "server.heartbeat", "file.edited"].includes(event.type)) assert.equal(id, undefined, `${name}: ${event.type}`);
          else { assert.match(id ?? "", /^ses_/, `${name}: ${event.type}`); scoped++; }
        }
      }
    }
    assert.ok(scoped > 100, `only ${scoped} session events seen`);
  });
});

describe("fuzzy file completion", () => {
  const files = ["webview/messageList.tsx", "src/server/supervisor.ts", "media/chat.css", "src/chat/chatController.ts", "README.md", "test/unit/chatLogic.test.ts"];
  it("finds subsequences, word starts first, and nothing that does not match", () => {
    assert.equal(fuzzyRank("msl", files, 3)[0], "webview/messageList.tsx");
    assert.equal(fuzzyRank("chatctl", files, 3)[0], "src/chat/chatController.ts");
    assert.deepEqual(fuzzyRank("zzz", files, 3), []);
    assert.equal(fuzzyScore("", "x"), 0);
  });
  it("prefers consecutive matches in the file name over scattered ones", () => {
    assert.deepEqual(fuzzyRank("chat", ["src/chat/chatController.ts", "media/chat.css", "c/h/a/t.ts"], 3).slice(0, 2).sort(), ["media/chat.css", "src/chat/chatController.ts"]);
    assert.equal(fuzzyRank("chat", ["c/h/a/t.ts", "media/chat.css"], 2)[0], "media/chat.css");
  });
});

describe("isInside (no path escapes)", () => {
  it("accepts the root and what lies under it, `..name` files included, and refuses `..` segments and other roots", () => {
    assert.ok(isInside("/ws", "/ws"));
    assert.ok(isInside("/ws", "/ws/src/a.ts"));
    assert.ok(isInside("/ws", "/ws/..notes.md"));
    assert.ok(!isInside("/ws", "/ws/../etc/passwd"));
    assert.ok(!isInside("/ws", "/wsx/a.ts"));
    assert.ok(!isInside("/ws", "/"));
    assert.ok(isInside("C:\\ws", "C:\\ws\\a.ts", path.win32));
    assert.ok(!isInside("C:\\ws", "D:\\ws\\a.ts", path.win32));
  });
});

describe("actionForSession (a panel's view of one session)", () => {
  it("gives the same session state as the full model, for every recording, with REST loads mixed in", () => {
    let compared = 0;
    for (const name of fixtureNames()) {
      for (const [, frames] of folderStreams(loadFixture(name))) {
        const events = knownEvents(frames);
        const ids = [...new Set(events.map(sessionOfEvent).filter((id): id is string => !!id))];
        for (const id of ids) {
          const full = createFolderState(), view = createFolderState();
          const apply = (a: Action) => { reduce(full, a); const own = actionForSession(a, id); if (own) reduce(view, own); };
          events.forEach((event, i) => {
            apply({ kind: "event", event });
            // A reconnect sweep at every third event: the server now reports every session idle, only
            // every other pending ask still open (the rest were answered while we were away), and
            // every session renamed.
            if (i % 3 === 2) {
              const live = Object.values(full.sessions);
              apply({ kind: "statuses", statuses: {} });
              apply({ kind: "pending", permissions: live.flatMap(s => s.permissions).filter((_, k) => k % 2), questions: live.flatMap(s => s.questions).filter((_, k) => k % 2) });
              apply({ kind: "sessions", sessions: live.flatMap(s => (s.info ? [{ ...s.info, title: `${s.info.title} (${i})` }] : [])) });
            }
            assert.deepEqual(findSession(view, id), findSession(full, id), `${name}: session ${id} after event ${i}`);
            compared++;
          });
        }
      }
    }
    assert.ok(compared > 1000, `only ${compared} states compared`);
  });
});
