// What a Sessions view row shows beside its title: when it was last updated, and whether it waits
// for approval (its own ask or a sub-agent's, any depth down).
import * as assert from "node:assert/strict";
import { askingRoots, relativeTime } from "../../src/sessions/engine/rowState";
import { reduce } from "../../src/protocol/reducer";
import { createFolderState } from "../../src/protocol/state";
import type { Session } from "../../src/protocol/session";

const session = (id: string, parentID?: string): Session => ({ id, title: id, parentID, time: { created: 1, updated: 1 } });

describe("Sessions view rows", () => {
  it("say when a session was last updated, relative to now", () => {
    const now = Date.UTC(2026, 11, 7, 12);
    assert.equal(relativeTime(now - 30_000, now), "just now");
    assert.equal(relativeTime(now - 5 * 60_000, now), "5 min ago");
    assert.equal(relativeTime(now - 3 * 3_600_000 - 1, now), "3 h ago");
    assert.equal(relativeTime(now - 2 * 86_400_000, now), "2 d ago");
    assert.equal(relativeTime(now - 40 * 86_400_000, now), "2026-10-28");
    assert.equal(relativeTime(now + 5_000, now), "just now", "a server clock a little ahead is not the future");
  });

  it("mark a session asking when it or a sub-agent below it has a pending ask", () => {
    const state = createFolderState();
    reduce(state, { kind: "sessions", sessions: [session("top"), session("mid", "top"), session("leaf", "mid"), session("other")] });
    assert.deepEqual([...askingRoots(state)], []);
    reduce(state, { kind: "pending", permissions: [{ id: "per_1", sessionID: "leaf", permission: "edit", patterns: [], metadata: {}, always: [] }], questions: [] });
    assert.deepEqual([...askingRoots(state)].sort(), ["leaf", "mid", "top"]);
  });
});
