// The host <-> webview contract's pure parts: the webview's check of host messages (every recorded
// event passes, malformed ones do not), `test.*` messages refused both ways without test hooks, the
// page's CSP, and the bounded conversation a webview saves for its next load.
import * as assert from "node:assert/strict";
import { hostMessageProblem, isScreen, screenProblem } from "../../src/shared/hostCheck";
import { parseWebviewMessage, type HostMessage, type PanelInfo, type SessionView } from "../../src/shared/messages";
import { Pager } from "../../src/shared/paging";
import { cut, newest, savedScreen } from "../../src/shared/savedScreen";
import { chatPageHtml, contentSecurityPolicy } from "../../src/shared/webviewHtml";
import { reduce } from "../../src/protocol/reducer";
import { createFolderState, type MessageState } from "../../src/protocol/state";
import { fixtureNames, folderStreams, knownEvents, loadFixture } from "./recordedFixtures";

const panel: PanelInfo = { folders: [{ name: "ws", path: "/ws" }], folder: "/ws", server: { kind: "running", detail: "" }, queue: [{ id: "q1", text: "later" }],
  asks: [{ kind: "permission", id: "per_1", sessionID: "s", title: "Edit a.ts", detail: "a.ts", always: ["*"], hasDiff: true }], model: "p/m", agent: "build" };
const text = (id: string, chars: number): MessageState => ({
  info: { id, sessionID: "s", role: "user", time: { created: 0 } },
  parts: [{ id: `${id}_p`, sessionID: "s", messageID: id, type: "text", text: "x".repeat(chars) }],
});

describe("hostMessageProblem (the webview's check of host messages)", () => {
  it("passes every recorded event as an action, and every recorded session as a state and a history chunk", () => {
    let events = 0;
    for (const name of fixtureNames()) {
      for (const [, frames] of folderStreams(loadFixture(name))) {
        const state = createFolderState();
        for (const event of knownEvents(frames)) {
          events++;
          const m: HostMessage = { type: "actions", sessionID: "s", actions: [{ kind: "event", event }] };
          assert.equal(hostMessageProblem(JSON.parse(JSON.stringify(m)), false), undefined, `${name}: ${event.type}`);
          reduce(state, { kind: "event", event });
        }
        for (const session of Object.values(state.sessions)) {
          const view: SessionView = new Pager().view(session.id, session);
          assert.equal(hostMessageProblem({ type: "state", panel, view }, false), undefined, `${name}: ${session.id}`);
          assert.equal(hostMessageProblem({ type: "history", sessionID: session.id, before: "m", messages: session.messages, older: false }, false), undefined);
        }
      }
    }
    assert.ok(events > 1000, `${events} events`);
  });

  it("names what is wrong with a malformed message", () => {
    const cases: [unknown, RegExp][] = [
      [null, /not an object/], [{ type: "exec" }, /unknown type "exec"/], [{ type: "state", panel: {} }, /panel.server/],
      [{ type: "state", panel, loading: 3 }, /loading/],
      [{ type: "actions", sessionID: "s", actions: [{ kind: "event", event: { type: "message.part.delta", properties: { sessionID: "s" } } }] }, /actions\[0\]: delta fields/],
      [{ type: "actions", sessionID: "s", actions: [{ kind: "teleport" }] }, /unknown action kind/],
      [{ type: "actions", sessionID: "s", actions: [{ kind: "event", event: { type: "message.part.updated", properties: { part: { id: "p", messageID: "m", type: "text" } } } }] }, /text/],
      [{ type: "panel", panel: { ...panel, asks: [{ kind: "permission", id: "a", sessionID: "s" }] } }, /panel.asks\[0\]: permission fields/],
      [{ type: "history", sessionID: "s", before: "m", messages: [], older: "yes" }, /older/],
      [{ type: "composer", insert: 1 }, /insert/],
    ];
    for (const [m, why] of cases) assert.match(hostMessageProblem(m, false) ?? "(passed)", why, JSON.stringify(m));
  });

  it("refuses test.* messages unless test hooks are on", () => {
    assert.match(hostMessageProblem({ type: "test.getText", requestId: "r1" }, false)!, /without test hooks/);
    assert.equal(hostMessageProblem({ type: "test.getText", requestId: "r1" }, true), undefined);
  });
});

describe("parseWebviewMessage (what the host acts on)", () => {
  it("refuses test.text without test hooks and takes it with them", () => {
    const m = { type: "test.text", requestId: "r1", text: "hi" };
    const off = parseWebviewMessage(m, false);
    assert.ok(!off.ok && /without test hooks/.test(off.why));
    const on = parseWebviewMessage(m, true);
    assert.ok(on.ok && on.message.type === "test.text");
    assert.ok(parseWebviewMessage({ type: "stop" }, false).ok);
    assert.equal(parseWebviewMessage({ type: "exec" }, true).ok, false);
  });
});

describe("chatPageHtml (the webview's page, the extension's and the bench's)", () => {
  it("allows scripts only with the load's nonce or from the extension's files, and no inline styles or eval", () => {
    const csp = contentSecurityPolicy("N0nce", "https://ext.example");
    assert.equal(csp, "default-src 'none'; script-src 'nonce-N0nce' https://ext.example; style-src https://ext.example; font-src https://ext.example; img-src https://ext.example data:; base-uri 'none'; form-action 'none'");
    const html = chatPageHtml({ nonce: "N0nce", cspSource: "https://ext.example", asset: (...p) => `https://ext.example/${p.join("/")}`, testHooks: false });
    assert.ok(html.includes(`content="${csp}"`));
    assert.match(html, /<script type="module" nonce="N0nce" src="https:\/\/ext.example\/dist\/webview\/main.js">/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(!html.includes("data-test-hooks"));
    assert.ok(chatPageHtml({ nonce: "n", cspSource: "c", asset: () => "a", testHooks: true }).includes(`<main id="root" data-test-hooks>`));
  });
});

describe("savedScreen (what a webview keeps for its next load)", () => {
  const budget = { height: 500, chars: 10_000, estimate: () => 100 };

  it("keeps the newest messages that fill the height, oldest first", () => {
    const list = Array.from({ length: 20 }, (_, i) => text(`m${String(i).padStart(2, "0")}`, 10));
    assert.deepEqual(newest(list, budget).map(m => m.info.id), ["m15", "m16", "m17", "m18", "m19"]);
    assert.deepEqual(newest([], budget), []);
  });

  it("stops at the character cap, and cuts the newest message down when it alone is over it", () => {
    const list = [text("m1", 100), text("m2", 6_000), text("m3", 6_000)];
    assert.deepEqual(newest(list, budget).map(m => m.info.id), ["m3"]);
    const big = newest([text("m1", 10), text("m2", 50_000)], budget);
    assert.equal(big.length, 1);
    assert.ok(JSON.stringify(big).length <= budget.chars, `${JSON.stringify(big).length}`);
    const part = big[0].parts[0];
    assert.ok(part.type === "text" && part.text.length === 2_001 && part.text.endsWith("…"));
    const many: MessageState = { ...text("m9", 0), parts: Array.from({ length: 40 }, (_, i) => ({ id: `p${String(i).padStart(2, "0")}`, sessionID: "s", messageID: "m9", type: "text" as const, text: "y".repeat(1_500) })) };
    const kept = cut(many, 10_000);
    assert.ok(JSON.stringify(kept).length <= 10_000 && kept.parts.length > 0 && kept.parts.at(-1)!.id === "p39", "the newest parts that fit");
  });

  it("saves an idle copy without asks, held prompts or pending asks, and passes the webview's own check", () => {
    const session = { id: "s", status: { type: "busy" as const }, messages: [text("m1", 10)], todos: [], permissions: [], questions: [], diff: [], info: { id: "s", title: "T", directory: "/ws", time: { created: 0, updated: 0 } } };
    const s = savedScreen(panel, { sessionID: "s" }, session, budget);
    assert.deepEqual(s.panel, { folders: panel.folders, folder: "/ws", model: "p/m", agent: "build" });
    assert.equal(s.view.session.status.type, "idle");
    assert.ok(isScreen(JSON.parse(JSON.stringify(s))));
    assert.match(screenProblem({ ...s, view: { ...s.view, session: { ...s.view.session, messages: [{ info: { id: "m" } }] } } })!, /messages\[0\]/);
  });
});
