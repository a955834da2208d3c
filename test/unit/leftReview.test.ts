// The files an unrevert may bring back into the edit review: those that left it since their
// session's last turn, whatever the order of VS Code's reload and opencode's revert update.
import * as assert from "node:assert/strict";
import { LeftReview } from "../../src/review/engine/leftReview";

type F = { sessionID: string; path: string; folder: string };
const file = (sessionID: string, p: string, folder = "/ws"): F => ({ sessionID, path: p, folder });

describe("the review's files out of review since the last turn", () => {
  it("a file that left before the session was known reverted comes back when the marker is cleared", () => {
    const left = new LeftReview<F>(f => f.path);
    // VS Code reloaded the open file from the revert's write first: the file left the review...
    left.left(file("ses_a", "/ws/a.ts"));
    // ...then opencode's update set the marker (nothing to hand back), then the unrevert cleared it.
    assert.deepEqual(left.markerCleared("ses_a").map(f => f.path), ["/ws/a.ts"]);
    assert.deepEqual(left.markerCleared("ses_a"), [], "handed back once");
  });

  it("keeps each file once, per session", () => {
    const left = new LeftReview<F>(f => f.path);
    left.left(file("ses_a", "/ws/a.ts"));
    left.left(file("ses_a", "/ws/a.ts"));
    left.left(file("ses_b", "/ws/b.ts"));
    assert.deepEqual(left.markerCleared("ses_a").map(f => f.path), ["/ws/a.ts"]);
    assert.deepEqual(left.markerCleared("ses_b").map(f => f.path), ["/ws/b.ts"]);
  });

  it("a turn that ended since, a deleted session or a folder that went: nothing comes back", () => {
    const left = new LeftReview<F>(f => f.path);
    left.left(file("ses_a", "/ws/a.ts"));
    left.turnEnded("ses_a");
    assert.deepEqual(left.markerCleared("ses_a"), []);

    left.left(file("ses_b", "/ws/b.ts"));
    left.forgetSession("ses_b");
    assert.deepEqual(left.markerCleared("ses_b"), []);

    left.left(file("ses_c", "/ws/c.ts"));
    left.left(file("ses_c", "/other/d.ts", "/other"));
    left.forgetWhere(f => f.folder === "/other");
    assert.deepEqual(left.markerCleared("ses_c").map(f => f.path), ["/ws/c.ts"]);
  });
});
