// The folder model end to end against real opencode: live turns reduced from the stream, two folders
// on two servers at once, and a server killed mid-turn that comes back with its history readable
// and the cut-off turn shown as interrupted.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeModel, text } from "../fakes/fakeModel";
import { TcpProxy } from "../fakes/tcpProxy";
import { HttpTap } from "../fakes/httpTap";
import { testSupervisor, fakeProviderConfig } from "../fakes/realOpencode";
import { FolderSession } from "../../src/conversation/folderSession";
import { RestartPolicy } from "../../src/server/restartPolicy";
import { callJson } from "../../src/protocol/http";
import { whenRunning } from "../../src/server/whenRunning";
import { groupMembers, waitUntil } from "./helpers/processes";

const quiet = { debug: () => {}, info: () => {}, warn: (m: string) => console.log(`      warn: ${m}`) };

describe("real opencode: the folder model (events → reducer, sweeps, restarts)", function () {
  this.timeout(120_000);
  let model: FakeModel;
  const cleanup: (() => unknown)[] = [];
  before(async () => { model = await FakeModel.start(); });
  after(async () => { for (const c of cleanup.reverse()) await c(); await model?.close(); });
  beforeEach(() => model.reset());

  function folder(name: string) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `oc-fs-${name}-`));
    const dir = path.join(scratch, name);
    fs.mkdirSync(dir);
    const sup = testSupervisor(scratch, dir, fakeProviderConfig(model), { policy: RestartPolicy.create({ baseDelayMs: 100 }) });
    const fsn = new FolderSession(() => sup.ensureRunning(), dir, quiet);
    cleanup.push(async () => { fsn.dispose(); await sup.dispose(); fs.rmSync(scratch, { recursive: true, force: true }); });
    return { sup, fsn, dir };
  }
  const textOf = (fsn: FolderSession, sessionID: string) =>
    fsn.state.sessions[sessionID]?.messages.filter(m => m.info.role === "assistant").flatMap(m => m.parts).filter(p => p.type === "text").map(p => (p as { text: string }).text).join("");

  it("reduces a live turn into the folder model and its snapshot", async () => {
    const { fsn } = folder("one");
    await fsn.stream.whenConnected();
    model.script(text("Streamed ", "into ", "the model."));
    const s = await fsn.client.createSession({ title: "model" });
    fsn.view(s.id);
    await fsn.client.prompt(s.id, [{ type: "text", text: "hi" }]);
    await waitUntil(() => textOf(fsn, s.id) === "Streamed into the model." && fsn.state.sessions[s.id].status.type === "idle", 30_000, "turn not reduced");
    const snap = fsn.snapshot();
    assert.equal(snap.sessions[s.id].info?.title, "model");
    assert.equal(JSON.parse(JSON.stringify(snap)).sessions[s.id].messages.length, 2);
    assert.equal(fsn.counts.malformed, 0);
    await waitUntil(() => fsn.contextLimit("fake/fake-model") !== undefined, 10_000, "context limits not read");
    assert.equal(fsn.contextLimit("fake/fake-model"), 128000, "the panel's context meter needs the model's window");
    assert.ok(fsn.counts.unknown > 0, "instance-level events (plugin.added…) are passed over as unknown");
  });

  it("keeps two folders on two servers apart while both run turns at once", async () => {
    const a = folder("alpha"), b = folder("beta");
    await Promise.all([a.fsn.stream.whenConnected(), b.fsn.stream.whenConnected()]);
    model.handle(req => text(`reply for ${JSON.stringify(req.body.messages?.at(-1)).includes("alpha") ? "alpha" : "beta"}`));
    const [sa, sb] = await Promise.all([a.fsn.client.createSession({ title: "a" }), b.fsn.client.createSession({ title: "b" })]);
    await Promise.all([a.fsn.client.prompt(sa.id, [{ type: "text", text: "alpha" }]), b.fsn.client.prompt(sb.id, [{ type: "text", text: "beta" }])]);
    await waitUntil(() => textOf(a.fsn, sa.id) === "reply for alpha" && textOf(b.fsn, sb.id) === "reply for beta", 30_000, "replies");
    // A session made through each model's own client after both turns, seen in that model: had both
    // models shared one subscription (one server, one directory), the other folder's turn would
    // have come before it on that ordered stream.
    const [ma, mb] = await Promise.all([a.fsn.client.createSession({ title: "after a" }), b.fsn.client.createSession({ title: "after b" })]);
    await waitUntil(() => a.fsn.state.sessions[ma.id] !== undefined && b.fsn.state.sessions[mb.id] !== undefined, 10_000, "the later sessions never reached the models");
    assert.notEqual(a.sup.state.kind === "running" && a.sup.state.pid, b.sup.state.kind === "running" && b.sup.state.pid);
    assert.equal(a.fsn.state.sessions[sb.id], undefined, "alpha's model has no session of beta");
    assert.equal(b.fsn.state.sessions[sa.id], undefined, "beta's model has no session of alpha");
  });

  it("after a kill -9 mid-turn: restarted, reconnected, history readable, the turn shown as interrupted", async () => {
    const { sup, fsn } = folder("crash");
    await fsn.stream.whenConnected();
    model.script({ kind: "stall", chunks: ["half an ans"] });
    const s = await fsn.client.createSession({ title: "crash" });
    fsn.view(s.id);
    await fsn.client.prompt(s.id, [{ type: "text", text: "long answer please" }]);
    await waitUntil(() => textOf(fsn, s.id) === "half an ans", 30_000, "no partial text");
    const before = sup.state;
    assert.ok(before.kind === "running");
    for (const p of groupMembers(before.pid).filter(p => p !== before.pid)) process.kill(p, "SIGKILL");
    await waitUntil(() => sup.state.kind === "running" && sup.state.pid !== before.pid, 60_000, "no restart");
    await waitUntil(() => fsn.state.sessions[s.id]?.messages.some(m => m.interrupted) ?? false, 30_000, "not flagged interrupted after the reconnect sweep");
    const [user, assistant] = fsn.state.sessions[s.id].messages;
    assert.equal(user.info.role, "user");
    assert.equal(assistant.interrupted, true);
    assert.equal(fsn.state.sessions[s.id].status.type, "idle");
  });

  it("picks up a session another server on the same data dir created, on refresh (events are per process)", async () => {
    const { fsn, dir } = folder("shared");
    await fsn.stream.whenConnected();
    // A second server on the same data dir stands in for another window or the TUI.
    const scratch = path.dirname(dir);
    const other = testSupervisor(scratch, dir, fakeProviderConfig(model));
    cleanup.push(() => other.dispose());
    const otherEp = await other.ensureRunning();
    const created = await callJson<{ id: string }>(otherEp, "/session", { directory: dir, body: { title: "made elsewhere" } });
    // Nothing orders two servers' events. A session made through this folder's own server afterwards
    // and seen in the model shows that the model has taken in all its stream carried until then.
    const marker = await fsn.client.createSession({ title: "made here" });
    await waitUntil(() => fsn.state.sessions[marker.id] !== undefined, 10_000, "this server's own session never reached the model");
    assert.equal(fsn.state.sessions[created.id], undefined, "the other server's session is known before a refresh");
    await fsn.refresh();
    assert.equal(fsn.state.sessions[created.id]?.info?.title, "made elsewhere");
  });

  it("sends a prompt held during a turn that ended while the stream was down, after the reconnect sweep", async () => {
    const { sup } = folder("held");
    const dir = sup.folder;
    await sup.ensureRunning();
    const proxy = await TcpProxy.start(() => { const s = sup.state; return s.kind === "running" ? Number(new URL(s.endpoint.baseUrl).port) : 9; });
    const fsn = new FolderSession({ stream: async () => ({ baseUrl: proxy.url, credentials: (await whenRunning(sup)).credentials }), calls: () => sup.ensureRunning() }, dir, quiet);
    cleanup.push(async () => { fsn.dispose(); await proxy.close(); });
    await fsn.stream.whenConnected();
    let finishFirst!: () => void;
    model.script({ kind: "text", chunks: ["first ", "answer"], until: new Promise<void>(r => { finishFirst = r; }) }, text("second answer"));
    const s = await fsn.client.createSession({ title: "held" });
    fsn.view(s.id);
    assert.equal(await fsn.send(s.id, "one", [{ type: "text", text: "one" }]), "sent");
    await waitUntil(() => textOf(fsn, s.id) === "first ", 30_000, "the first turn never streamed");
    assert.equal(await fsn.send(s.id, "two", [{ type: "text", text: "two" }]), "held");
    // The turn ends while the stream is down: the model never sees its idle event, only the sweep's statuses.
    proxy.drop(Infinity);
    finishFirst();
    await waitUntil(async () => (await fsn.client.status())[s.id] === undefined, 30_000, "the first turn never ended on the server");
    proxy.unblock();
    await waitUntil(() => textOf(fsn, s.id) === "first answersecond answer", 30_000, `the held prompt never went out (held: ${fsn.held.list(s.id).length})`);
  });

  it("a held prompt whose send failed after the server stored it is not sent again (the turn runs once)", async () => {
    const { sup } = folder("lost-answer");
    const dir = sup.folder;
    await sup.ensureRunning();
    // The calls go through a tap that can cut the answer of the held prompt's send: the server has
    // stored the prompt, the client sees its request fail (a server killed between the two).
    const tap = await HttpTap.start(() => { const s = sup.state; return s.kind === "running" ? Number(new URL(s.endpoint.baseUrl).port) : 9; });
    const fsn = new FolderSession({ stream: () => sup.ensureRunning(), calls: async () => ({ baseUrl: tap.url, credentials: (await whenRunning(sup)).credentials }) }, dir, quiet);
    cleanup.push(async () => { fsn.dispose(); await tap.close(); });
    await fsn.stream.whenConnected();
    let finishFirst!: () => void;
    model.script({ kind: "text", chunks: ["first ", "answer"], until: new Promise<void>(r => { finishFirst = r; }) }, text("second answer"), text("a third answer"));
    const s = await fsn.client.createSession({ title: "lost answer" });
    fsn.view(s.id);
    assert.equal(await fsn.send(s.id, "one", [{ type: "text", text: "one" }]), "sent");
    await waitUntil(() => textOf(fsn, s.id) === "first ", 30_000, "the first turn never streamed");
    assert.equal(await fsn.send(s.id, "two", [{ type: "text", text: "two" }]), "held");
    tap.loseAnswerOnce = /\/prompt_async/;
    finishFirst();
    // The barrier: the stored prompt's own turn ran and ended, and nothing is held any more.
    await waitUntil(() => textOf(fsn, s.id) === "first answersecond answer", 30_000, `the second turn never ran (held: ${fsn.held.list(s.id).length})`);
    await waitUntil(async () => fsn.held.list(s.id).length === 0 && (await fsn.client.status())[s.id] === undefined, 30_000, "the held prompt stayed held");
    const users = (await fsn.client.messages(s.id)).filter(m => m.info.role === "user");
    const prompts = tap.exchanges.filter(e => e.method === "POST" && e.path.includes("/prompt_async")).length;
    assert.deepEqual(users.map(m => (m.parts as { text?: string }[])[0]?.text), ["one", "two"], `the server got ${prompts} prompt requests`);
  });
});
