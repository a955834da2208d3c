// The permission gate across stream drops, against real opencode: an ask is presented exactly once
// whether it arrives live, while the stream is down (found by the reconnect sweep), or both; a reply
// is sent at most once; a reply to an ask the server no longer has is "expired", never "approved".
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeModel, text, tools } from "../fakes/fakeModel";
import { startRealOpencode, type RealOpencode } from "../fakes/realOpencode";
import { TcpProxy } from "../fakes/tcpProxy";
import { EventStream, type ConnectionState } from "../../src/conversation/eventStream";
import { PendingAsks } from "../../src/conversation/asks";
import { OpencodeClient } from "../../src/conversation/client";
import { waitUntil } from "./helpers/processes";

describe("real opencode: event stream reconnects and the reconnect sweep", function () {
  this.timeout(90_000);
  let model: FakeModel, oc: RealOpencode, proxy: TcpProxy;
  before(async () => {
    model = await FakeModel.start();
    oc = await startRealOpencode(model, { config: { permission: { bash: "ask" } } });
    proxy = await TcpProxy.start(Number(new URL(oc.baseUrl).port));
  });
  after(async () => { await proxy?.close(); await oc?.stop(); await model?.close(); });
  beforeEach(() => model.reset());
  afterEach(() => proxy?.unblock()); // a test that failed while the proxy refused connections must not leave it so

  /**
   * The folder's permission gate on a stream through the proxy. Besides what the user is shown
   * (`presented`) it records what the stream carried (`live` asks, `replied` ids) and the ask ids of
   * each finished sweep, so negative checks can wait for a later frame or a sweep instead of a delay.
   */
  function gate() {
    const asks = new PendingAsks();
    const presented: string[] = [], live: string[] = [], replied: string[] = [], sweeps: string[][] = [];
    asks.onDidAdd(a => presented.push(a.ask.id));
    const client = new OpencodeClient(async () => oc, oc.workspace, asks);
    const states: ConnectionState["kind"][] = [];
    const stream = new EventStream({
      endpoint: async () => ({ baseUrl: proxy.url, credentials: oc.credentials }), directory: oc.workspace, log: () => {},
      backoff: { baseMs: 100, maxMs: 500 },
      onData: data => {
        const e = JSON.parse(data);
        if (e.type === "permission.asked") { live.push(e.properties.id); asks.asked({ kind: "permission", ask: e.properties }); }
        if (e.type === "permission.replied") { replied.push(e.properties.requestID); asks.settled(e.properties.requestID, "replied elsewhere"); }
      },
      onConnected: async () => {
        const pending = await client.pendingPermissions();
        asks.sweep(pending.map(ask => ({ kind: "permission" as const, ask })));
        sweeps.push(pending.map(a => a.id));
      },
    });
    stream.onDidChangeState(s => states.push(s.kind));
    return { asks, presented, live, replied, sweeps, client, stream, states };
  }

  const bashTurn = async (client: OpencodeClient, file: string) => {
    const s = await client.createSession({ title: file });
    model.scriptFor(s.id, tools({ name: "bash", args: { command: `echo ok > ${file}`, description: "write" } }), text("Done."));
    await client.prompt(s.id, [{ type: "text", text: "run it" }]);
    return s;
  };

  it("an ask pending across a stream drop is presented exactly once and answered exactly once", async () => {
    const g = gate();
    await g.stream.whenConnected();
    await bashTurn(g.client, "a.txt");
    await waitUntil(() => g.presented.length === 1, 30_000, "the ask never arrived");
    const id = g.presented[0];
    proxy.drop(300);
    await waitUntil(() => g.states.filter(k => k === "connected").length >= 2, 20_000, "no reconnect");
    // The first sweep ran before the ask existed: one that lists it is the reconnect's, and once it
    // has finished it has had its chance to present the ask again.
    await waitUntil(() => g.sweeps.some(ids => ids.includes(id)), 20_000, "no sweep after the reconnect listed the ask");
    assert.deepEqual(g.presented, [id], "re-presented after the reconnect sweep");
    assert.equal(await g.client.replyPermission(id, "once"), "sent");
    assert.equal(await g.client.replyPermission(id, "once"), "already answered");
    await waitUntil(() => fs.existsSync(path.join(oc.workspace, "a.txt")), 20_000, "bash never ran");
    g.stream.dispose();
  });

  it("an ask that arrives while the stream is down is found by the sweep after reconnecting", async () => {
    const g = gate();
    await g.stream.whenConnected();
    proxy.drop(Infinity);                   // down until the ask is pending: it is published meanwhile
    await bashTurn(g.client, "b.txt");
    await waitUntil(async () => (await g.client.pendingPermissions()).length > 0, 20_000, "no pending ask on the server");
    proxy.unblock();
    await waitUntil(() => g.presented.length === 1, 20_000, "the sweep did not find the ask");
    const id = g.presented[0];
    assert.equal(await g.client.replyPermission(id, "once"), "sent");
    // The reply's permission.replied comes on the reconnected stream; a permission.asked of this ask
    // carried by that stream would have come before it.
    await waitUntil(() => g.replied.includes(id), 20_000, "the reply never came back on the stream");
    assert.deepEqual(g.live, [], "the ask was seen live although the stream was down");
    await waitUntil(() => fs.existsSync(path.join(oc.workspace, "b.txt")), 20_000, "bash never ran");
    assert.deepEqual(g.presented, [id]);
    g.stream.dispose();
  });

  it("a reply to an ask the server no longer has is expired, not approved", async () => {
    const g = gate();
    assert.equal(await g.client.replyPermission("per_doesnotexist0000000000", "once"), "expired");
    g.stream.dispose();
  });

  it("Stop rejects the session's pending ask before aborting, so a late approval cannot write", async () => {
    const g = gate();
    await g.stream.whenConnected();
    const s = await bashTurn(g.client, "c.txt");
    await waitUntil(() => g.presented.length === 1, 30_000, "the ask never arrived");
    await g.client.stop(s.id);
    // The server settles the rejected ask asynchronously under load: it must be gone shortly after.
    await waitUntil(async () => (await g.client.pendingPermissions()).length === 0, 5_000, "the ask is still pending on the server after Stop");
    assert.equal(await g.client.replyPermission(g.presented[0], "once"), "already answered");
    // The bash call's part ends only after the command ran or was refused: once it has ended, a
    // write would be on disk.
    const bashState = async () => (await g.client.messages(s.id)).flatMap(m => m.parts as { type?: string; tool?: string; state?: { status?: string } }[])
      .find(p => p.type === "tool" && p.tool === "bash")?.state?.status;
    await waitUntil(async () => ["completed", "error"].includes(String(await bashState())), 20_000, "the bash call never ended");
    assert.equal(fs.existsSync(path.join(oc.workspace, "c.txt")), false, "the stopped call wrote its file");
    assert.equal(await bashState(), "error");
    g.stream.dispose();
  });
});
