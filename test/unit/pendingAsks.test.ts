// The approval gate's bookkeeping (PendingAsks): presented once, answered at most once at a time,
// and a reply that could not be sent leaves the ask answerable.
import * as assert from "node:assert/strict";
import { PermissionRequest } from "../../src/protocol/ask";
import { PendingAsks, type Ask } from "../../src/conversation/asks";

const permission = (id: string, sessionID = "ses_1"): Ask =>
  ({ kind: "permission", ask: PermissionRequest.parse({ id, sessionID, permission: "bash", patterns: ["echo *"], metadata: { command: "echo hi" } }) });

function gate() {
  const asks = new PendingAsks();
  const presented: string[] = [];
  asks.onDidAdd(a => presented.push(a.ask.id));
  return { asks, presented };
}

describe("PendingAsks (the approval gate's bookkeeping)", () => {
  it("claims an ask once: a second answer while the first is out is refused", () => {
    const { asks } = gate();
    asks.asked(permission("per_1"));
    assert.equal(asks.claim("per_1"), true);
    assert.equal(asks.claim("per_1"), false);
  });

  it("a reply that could not be sent gives the claim back: the next answer may go", () => {
    const { asks } = gate();
    asks.asked(permission("per_1"));
    assert.equal(asks.claim("per_1"), true);
    asks.unclaim("per_1");
    assert.equal(asks.claim("per_1"), true, "claimable again after the failed send");
    assert.deepEqual(asks.all().map(a => a.ask.id), ["per_1"], "still pending");
  });

  it("an ask settled after its claim is not claimable again, even if a late failure unclaims it", () => {
    const { asks } = gate();
    asks.asked(permission("per_1"));
    asks.claim("per_1");
    asks.settled("per_1", "replied elsewhere");
    asks.unclaim("per_1");
    asks.asked(permission("per_1")); // a sweep racing the settle must not bring it back either
    assert.equal(asks.get("per_1"), undefined);
  });

  it("a gated ask whose owner's reply failed is presented to the user once released", () => {
    const { asks, presented } = gate();
    asks.addGate(() => true);
    asks.asked(permission("per_1"));
    assert.deepEqual(presented, [], "the gate took it");
    assert.equal(asks.claim("per_1"), true, "the owner claims it to reply");
    asks.unclaim("per_1"); // its send failed
    asks.release("per_1");
    assert.deepEqual(presented, ["per_1"]);
    assert.equal(asks.claim("per_1"), true, "the user's answer may be sent");
  });

  it("a released ask is presented only once, and not at all after it settled", () => {
    const { asks, presented } = gate();
    asks.addGate(() => true);
    asks.asked(permission("per_1"));
    asks.asked(permission("per_2"));
    asks.release("per_1");
    asks.release("per_1");
    asks.settled("per_2", "replied elsewhere");
    asks.release("per_2");
    assert.deepEqual(presented, ["per_1"]);
  });

  it("a lost server expires every pending ask; a server that kept them brings them back on the next sweep", () => {
    const { asks, presented } = gate();
    const settled: string[] = [];
    asks.onDidSettle(e => settled.push(`${e.id}:${e.reason}`));
    asks.asked(permission("per_1"));
    asks.asked(permission("per_2"));
    asks.expireAll();
    assert.deepEqual(settled, ["per_1:expired", "per_2:expired"]);
    asks.sweep([permission("per_2")]);
    assert.deepEqual(presented, ["per_1", "per_2", "per_2"], "still on the server: presented again");
  });
});
