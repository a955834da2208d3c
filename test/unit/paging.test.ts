// Paging a long session into a webview (src/shared/paging.ts): the webview starts from the newest
// page, gets the host's actions through the Pager, asks for older chunks at arbitrary moments, and
// must end up with exactly the host's session, for every recording, with REST loads mixed in.
import * as assert from "node:assert/strict";
import { reduce, type Action } from "../../src/protocol/reducer";
import { createFolderState, findSession, type FolderState, type MessageState, type SessionState } from "../../src/protocol/state";
import { actionForSession, sessionOfEvent } from "../../src/protocol/sessionOf";
import { Pager, pageStart, prependHistory, type PageSize } from "../../src/shared/paging";
import type { MessageWithParts } from "../../src/protocol/rest";
import { fixtureNames, folderStreams, knownEvents, loadFixture } from "./recordedFixtures";

const message = (id: string, parts: number): MessageState => ({
  info: { id, sessionID: "s", role: "user", time: { created: 0 } },
  parts: Array.from({ length: parts }, (_, i) => ({ id: `${id}_p${i}`, sessionID: "s", messageID: id, type: "text", text: "x" })),
});

describe("pageStart (where a page of messages begins)", () => {
  const list = [message("m1", 5), message("m2", 1), message("m3", 1), message("m4", 9)];

  it("takes the newest messages while both the message and the part bounds hold", () => {
    assert.equal(pageStart(list, 4, { messages: 10, parts: 100 }), 0);
    assert.equal(pageStart(list, 4, { messages: 2, parts: 100 }), 2);
    assert.equal(pageStart(list, 4, { messages: 10, parts: 11 }), 1, "9 + 1 + 1 parts fit in 11, m1's 5 more do not");
    assert.equal(pageStart(list, 3, { messages: 10, parts: 2 }), 1, "ends before index 3");
  });

  it("takes at least one message, however many parts it has", () => {
    assert.equal(pageStart(list, 4, { messages: 10, parts: 1 }), 3);
    assert.equal(pageStart(list, 0, { messages: 10, parts: 1 }), 0, "nothing older");
  });
});

describe("prependHistory (the webview's messages after a history chunk)", () => {
  it("puts the chunk before what it held from `before` on, dropping anything older it held", () => {
    const held = [message("m1", 1), message("m5", 1), message("m6", 1)];
    const out = prependHistory(held, "m5", [message("m3", 1), message("m4", 1)]);
    assert.deepEqual(out.map(m => m.info.id), ["m3", "m4", "m5", "m6"]);
  });
});

/** The webview's side of the contract, as webview/store.ts runs it. */
class WebviewCopy {
  state: FolderState = createFolderState();
  missing: string | undefined;
  constructor(private readonly sessionID: string) {}
  load(view: { session: SessionState; older?: true }): void {
    this.state = createFolderState();
    this.state.sessions[this.sessionID] = view.session;
    this.missing = view.older ? view.session.messages[0]?.info.id : undefined;
  }
  session(): SessionState { return findSession(this.state, this.sessionID)!; }
}

const loadOf = (s: SessionState, drop: (m: MessageState, i: number) => boolean): Action =>
  ({ kind: "messages", sessionID: s.id, messages: s.messages.filter((m, i) => !drop(m, i)).map((m): MessageWithParts => ({ info: m.info, parts: m.parts })) });

describe("Pager (what a webview gets of a long session)", () => {
  const sizes: [PageSize, PageSize][] = [[{ messages: 1, parts: 1 }, { messages: 1, parts: 1 }], [{ messages: 2, parts: 20 }, { messages: 3, parts: 5 }]];

  for (const [first, chunk] of sizes) {
    it(`ends with the host's session for every recording (page ${first.messages}/${first.parts}, chunk ${chunk.messages}/${chunk.parts})`, () => {
      let compared = 0, paged = 0, asked = 0;
      for (const name of fixtureNames()) {
        for (const [, frames] of folderStreams(loadFixture(name))) {
          const events = knownEvents(frames);
          const ids = [...new Set(events.map(sessionOfEvent).filter((id): id is string => !!id))];
          for (const id of ids) {
            const host = createFolderState(), pager = new Pager(first, chunk), webview = new WebviewCopy(id);
            let opened = false;
            const open = () => { const s = findSession(host, id); if (s) { const v = pager.view(id, s); webview.load(v); opened = true; if (v.older) paged++; } };
            const ask = () => {
              if (!webview.missing) return;
              pager.ask(webview.missing);
              const h = pager.history(id, findSession(host, id));
              assert.ok(h, `${name}: the webview's request for ${webview.missing} is current`);
              asked++;
              webview.session().messages = prependHistory(webview.session().messages, h.before, h.messages);
              webview.missing = h.older ? h.messages[0]?.info.id : undefined;
            };
            const apply = (a: Action) => {
              reduce(host, a);
              const own = actionForSession(a, id);
              if (!own) return;
              if (!opened) return open();
              const out = pager.action(own, findSession(host, id));
              if (out === "state") open();
              else if (out) reduce(webview.state, structuredClone(out));
            };
            events.forEach((event, i) => {
              apply({ kind: "event", event });
              const s = findSession(host, id);
              // A reconnect's load every fifth event (every other time without the oldest message:
              // removed while away), one with only the oldest message every eleventh, a reopen
              // every seventh, a history request every third.
              if (s && i % 5 === 4) apply(loadOf(s, (_, k) => i % 10 === 9 && k === 0));
              if (s && i % 11 === 10) apply(loadOf(s, (_, k) => k > 0));
              if (i % 7 === 6) open();
              if (i % 3 === 2) ask();
              // At every step the webview holds exactly the host's messages from its floor on.
              const h = findSession(host, id), floor = webview.missing;
              if (opened && h) assert.deepEqual(webview.session(), floor ? { ...h, messages: h.messages.filter(m => m.info.id >= floor) } : h, `${name}: session ${id} after event ${i}`);
            });
            for (let k = 0; webview.missing && k < 1000; k++) ask();
            assert.equal(webview.missing, undefined, `${name}: history never ended`);
            if (!opened) continue;
            assert.deepEqual(webview.session(), findSession(host, id), `${name}: session ${id}`);
            compared++;
          }
        }
      }
      assert.ok(compared > 20, `only ${compared} sessions compared`);
      assert.ok(paged > 5 && asked > 10, `paging barely ran: ${paged} paged opens, ${asked} history requests`);
    });
  }

  it("answers only the newest request, and only once", () => {
    const s: SessionState = { id: "s", status: { type: "idle" }, messages: ["m1", "m2", "m3", "m4"].map(id => message(id, 1)), todos: [], permissions: [], questions: [], diff: [] };
    const pager = new Pager({ messages: 2, parts: 10 }, { messages: 1, parts: 10 });
    const v = pager.view("s", s);
    assert.deepEqual(v.session.messages.map(m => m.info.id), ["m3", "m4"]);
    assert.equal(v.older, true);
    pager.ask("m4");
    assert.equal(pager.history("s", s), undefined, "not the webview's oldest message");
    pager.ask("m3");
    const h = pager.history("s", s)!;
    assert.deepEqual([h.before, h.messages.map(m => m.info.id), h.older], ["m3", ["m2"], true]);
    pager.ask("m3");
    assert.equal(pager.history("s", s), undefined, "already answered");
    assert.notEqual(h.messages[0], s.messages[1], "a copy, not the host's object");
  });

  it("drops actions about messages older than the webview holds, and pages a first load of a long session", () => {
    const s: SessionState = { id: "s", status: { type: "idle" }, messages: [], todos: [], permissions: [], questions: [], diff: [] };
    const pager = new Pager({ messages: 2, parts: 10 }, { messages: 2, parts: 10 });
    pager.view("s", s);
    s.messages = ["m1", "m2", "m3", "m4"].map(id => message(id, 1));
    assert.equal(pager.action(loadOf(s, () => false), s), "state", "the webview had none of them");
    pager.view("s", s);
    const delta = (messageID: string): Action => ({ kind: "event", event: { type: "message.part.delta", properties: { sessionID: "s", messageID, partID: `${messageID}_p0`, field: "text", delta: "y" } } });
    assert.equal(pager.action(delta("m1"), s), undefined);
    assert.deepEqual(pager.action(delta("m3"), s), delta("m3"));
    const cut = pager.action(loadOf(s, () => false), s);
    assert.ok(cut !== "state" && cut?.kind === "messages");
    assert.deepEqual(cut.messages.map(m => m.info.id), ["m3", "m4"], "a load cut to what the webview holds");
  });
});
