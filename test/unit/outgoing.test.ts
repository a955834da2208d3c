// A sent prompt shows until opencode records it as a user message of its session, or the turn fails
// before it could; a new conversation's prompt follows the session its send created.
import * as assert from "node:assert/strict";
import { followSelect, outgoing, taken } from "../../src/chat/outgoing";
import type { Action } from "../../src/protocol/reducer";
import type { MessageState, SessionState } from "../../src/protocol/state";

const userMessage = (id: string, sessionID: string): MessageState => ({ info: { id, sessionID, role: "user", time: { created: 1 } }, parts: [] });
const session = (id: string, messages: MessageState[] = []): SessionState => ({ id, status: { type: "idle" }, messages, todos: [], permissions: [], questions: [], diff: [] });
const messagesLoaded = (sessionID: string): Action => ({ kind: "messages", sessionID, messages: [] } as unknown as Action);
const sessionError = (sessionID: string): Action => ({ kind: "event", event: { type: "session.error", properties: { sessionID } } } as Action);

describe("the prompt being sent", () => {
  it("is taken over by a user message that was not there when it left, not by an older one", () => {
    const before = session("ses_a", [userMessage("msg_1", "ses_a")]);
    const o = outgoing("again", "ses_a", before);
    assert.equal(taken(o, before, messagesLoaded("ses_a")), false, "the earlier prompt is not this one");
    const after = session("ses_a", [userMessage("msg_1", "ses_a"), userMessage("msg_2", "ses_a")]);
    assert.equal(taken(o, after, messagesLoaded("ses_a")), true);
  });

  it("is taken over by the session's error when the turn fails before a message exists", () => {
    const o = outgoing("hi", "ses_a", session("ses_a"));
    assert.equal(taken(o, session("ses_a"), sessionError("ses_a")), true);
  });

  it("a new conversation's prompt is not taken by anything until its session exists, then follows it", () => {
    const o = outgoing("first", undefined, undefined);
    assert.equal(taken(o, session("ses_b", [userMessage("msg_9", "ses_b")]), messagesLoaded("ses_b")), false);
    const moved = followSelect(o, "ses_new", session("ses_new"));
    assert.equal(moved?.sessionID, "ses_new");
    assert.equal(moved?.text, "first");
    assert.equal(taken(moved!, session("ses_new", [userMessage("msg_1", "ses_new")]), messagesLoaded("ses_new")), true);
  });

  it("is no longer shown when the chat moves to another session", () => {
    const o = outgoing("x", "ses_a", session("ses_a"));
    assert.equal(followSelect(o, "ses_a", session("ses_a")), o, "the same session keeps it");
    assert.equal(followSelect(o, "ses_b", session("ses_b")), undefined);
    assert.equal(followSelect(o, undefined, undefined), undefined, "New session");
    assert.equal(taken(o, session("ses_b", [userMessage("m", "ses_b")]), messagesLoaded("ses_b")), false, "another session's message is not this prompt");
  });
});
