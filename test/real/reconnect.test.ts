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

  function gate() {
    const asks = new PendingAsks();
    const presented: string[] = [];
    asks.onDidAdd(a => presented.push(a.ask.id));
    const client = new OpencodeClient(async () => oc, oc.workspace, asks);
    const states: ConnectionState["kind"][] = [];
    const stream = new EventStream({
      endpoint: async () => ({ baseUrl: proxy.url, credentials: oc.credentials }), directory: oc.workspace, log: () => {},
      backoff: { baseMs: 100, maxMs: 500 },
      onData: data => {
        const e = JSON.parse(data);
        if (e.type === "permission.asked") asks.asked({ kind: "permission", ask: e.properties });
        if (e.type === "permission.replied") asks.settled(e.properties.requestID, "replied elsewhere");
      },
      onConnected: async () => asks.sweep((await client.pendingPermissions()).map(ask => ({ kind: "permission" as const, ask }))),
    });
    stream.onDidChangeState(s => states.push(s.kind));
    return { asks, presented, client, stream, states };
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
    proxy.drop(300);
    await waitUntil(() => g.states.filter(k => k === "connected").length >= 2, 20_000, "no reconnect");
    await new Promise(r => setTimeout(r, 500)); // let the sweep finish
    assert.equal(g.presented.length, 1, "re-presented after the reconnect sweep");
    const id = g.presented[0];
    assert.equal(await g.client.replyPermission(id, "once"), "sent");
    assert.equal(await g.client.replyPermission(id, "once"), "already answered");
    await waitUntil(() => fs.existsSync(path.join(oc.workspace, "a.txt")), 20_000, "bash never ran");
    g.stream.dispose();
  });

  it("an ask that arrives while the stream is down is found by the sweep after reconnecting", async () => {
    const g = gate();
    await g.stream.whenConnected();
    proxy.drop(3_000);                      // down for 3 s: the ask is published meanwhile
    await bashTurn(g.client, "b.txt");
    await waitUntil(async () => (await g.client.pendingPermissions()).length > 0, 20_000, "no pending ask on the server") ;
    assert.equal(g.presented.length, 0, "the ask was seen live although the stream was down");
    await waitUntil(() => g.presented.length === 1, 20_000, "the sweep did not find the ask");
    assert.equal(await g.client.replyPermission(g.presented[0], "once"), "sent");
    await waitUntil(() => fs.existsSync(path.join(oc.workspace, "b.txt")), 20_000, "bash never ran");
    assert.equal(g.presented.length, 1);
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
    await new Promise(r => setTimeout(r, 1_000));
    assert.equal(fs.existsSync(path.join(oc.workspace, "c.txt")), false);
    g.stream.dispose();
  });
});
