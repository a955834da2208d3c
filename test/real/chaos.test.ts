// Chaos against real opencode: many turns with tool calls and asks through the product's folder
// model (FolderSession over a ServerSupervisor, as the server pool builds it), while the event
// stream's TCP connection is cut at random moments and the server is killed -9 and restarted. At
// the end the model must agree with the server's own message list, no ask may have been answered
// twice, none left unanswered, and those lost with a killed server must have expired.
// Size: CHAOS_TURNS / CHAOS_CUTS / CHAOS_KILLS (default 30 / 10 / 2; `npm run chaos`: 200 / 30 / 3).
// CHAOS_SEED replays a run: the seed is printed first.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeModel } from "../fakes/fakeModel";
import { fakeProviderConfig, gitInit, testSupervisor } from "../fakes/realOpencode";
import { TcpProxy } from "../fakes/tcpProxy";
import { HttpTap } from "../fakes/httpTap";
import { FolderSession } from "../../src/conversation/folderSession";
import type { ServerSupervisor } from "../../src/server/supervisor";
import { RestartPolicy } from "../../src/server/restartPolicy";
import { whenRunning } from "../../src/server/whenRunning";
import { expireAsksWithServer } from "../../src/conversation/serverHolds";
import { groupMembers, waitUntil } from "./helpers/processes";
import { ChaosUser, chaosModel, replyText, seeded, turnTag, type TurnKind } from "./helpers/chaos";

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
const size = { turns: num(process.env.CHAOS_TURNS, 30), cuts: num(process.env.CHAOS_CUTS, 10), kills: num(process.env.CHAOS_KILLS, 2) };
const seed = num(process.env.CHAOS_SEED, Math.floor(Math.random() * 2 ** 31));
/** Sessions that take turns at once, each with its own sequence of turns. */
const LANES = 3;
/** A lane starts a new session after this many turns, so that no conversation grows without end. */
const TURNS_PER_SESSION = 8;
type Part = { type?: string; text?: string };
type Msg = { info: { id: string; role: string }; parts: Part[] };
const textOf = (parts: readonly Part[]) => parts.filter(p => p.type === "text").map(p => p.text ?? "").join("");

describe("real opencode: chaos (turns and asks while the stream is cut and the server killed)", function () {
  this.timeout(120_000 + size.turns * 8_000);
  let model: FakeModel, sup: ServerSupervisor, fsn: FolderSession, user: ChaosUser, streamProxy: TcpProxy, tap: HttpTap;
  let scratch = "", ws = "";
  /** Server generation: +1 each time the supervisor has a server running. */
  let epoch = 0, lastPort = 0;
  const thrown: string[] = [], errors: string[] = [], warns: string[] = [];
  const onThrown = (e: unknown) => thrown.push(String((e as Error)?.stack ?? e));

  before(async () => {
    process.on("unhandledRejection", onThrown);
    process.on("uncaughtException", onThrown);
    model = await FakeModel.start();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-chaos-"));
    ws = path.join(scratch, "ws");
    fs.mkdirSync(ws);
    gitInit(ws);
    model.handle(chaosModel(ws));
    sup = testSupervisor(scratch, ws, fakeProviderConfig(model, { permission: { bash: "ask", edit: "ask" } }),
      { policy: RestartPolicy.create({ baseDelayMs: 100 }), log: line => { if (/^restart failed/.test(line)) errors.push(line); } });
    sup.onDidChangeState(s => { if (s.kind === "running") { epoch++; lastPort = Number(new URL(s.endpoint.baseUrl).port); } });
    await sup.ensureRunning();
    // Both follow the server to the port of each restart; the stream's proxy is the one that cuts.
    const port = () => lastPort;
    streamProxy = await TcpProxy.start(port);
    tap = await HttpTap.start(port);
    // Only debug/info/warn are the model's levels; an `error` is recorded in case a later version logs one.
    const log = { debug: () => {}, info: () => {}, warn: (m: string) => warns.push(m), error: (m: string) => errors.push(m) };
    fsn = new FolderSession({
      stream: async () => ({ baseUrl: streamProxy.url, credentials: (await whenRunning(sup)).credentials }),
      calls: async () => { sup.touch(); return { baseUrl: tap.url, credentials: (await whenRunning(sup)).credentials }; },
    }, ws, log);
    // As the server pool wires a folder: the server's loss expires its asks.
    expireAsksWithServer(fsn.asks, sup);
    user = new ChaosUser(fsn, () => epoch);
    await fsn.stream.whenConnected();
  });
  after(async () => {
    user?.dispose();
    fsn?.dispose();
    await sup?.dispose();
    await streamProxy?.close();
    await tap?.close();
    await model?.close();
    process.off("unhandledRejection", onThrown);
    process.off("uncaughtException", onThrown);
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it(`${size.turns} turns, ${size.cuts} stream cuts, ${size.kills} kills -9 (seed ${seed})`, async () => {
    console.log(`      chaos seed ${seed} (CHAOS_SEED=${seed} replays it): ${JSON.stringify(size)}`);
    const t0 = Date.now();
    const rnd = seeded(seed);
    const kinds: TurnKind[] = Array.from({ length: size.turns }, () => { const r = rnd(); return r < 0.4 ? "text" : r < 0.7 ? "bash" : "write"; });
    // Type-ahead: the next turn of the lane is sent while this one runs, so the model holds it.
    const typeAhead = Array.from({ length: size.turns }, () => rnd() < 0.25);
    const cutsAt = new Map<number, number[]>();
    for (let c = 0; c < size.cuts; c++) { const n = Math.floor(rnd() * size.turns); cutsAt.set(n, [...(cutsAt.get(n) ?? []), Math.floor(rnd() * 1500)]); }
    // Kills spread over the run; the even ones wait for an ask the user has not answered yet.
    const killsAt = new Map<number, { whileAsking: boolean; ms: number }>();
    // Those also have the lane's next prompt typed ahead: held in the model, it must go out after the restart.
    for (let k = 0; k < size.kills; k++) {
      let n = Math.floor(((k + 1) * size.turns) / (size.kills + 1));
      const whileAsking = k % 2 === 0;
      while (whileAsking && (Math.floor(n / LANES) + 1) % TURNS_PER_SESSION === 0 && n + LANES < size.turns) n += LANES;
      killsAt.set(n, { whileAsking, ms: Math.floor(rnd() * 2000) });
      if (!whileAsking) continue;
      kinds[n] = "bash";
      typeAhead[n] = true;
      if (n >= LANES) typeAhead[n - LANES] = false; // n starts a pair, it is not the second of one
    }
    const done = { turns: 0, lost: 0, cuts: 0, kills: 0, held: [] as number[], killedAt: [] as number[], resent: [] as number[] };
    const killedEpochs = new Set<number>();
    const sessions: string[] = [];
    const faults: Promise<void>[] = [];
    const scheduled = new Set<number>();
    let reconnects = 0;
    fsn.stream.onDidChangeState(s => { if (s.kind === "connected") reconnects++; });

    const running = () => waitUntil(() => sup.state.kind === "running", 120_000, "the server never came back");
    /** Calls the user repeats when the server was away (killed, restarting): tried again once it runs. */
    async function retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
      for (let i = 0; ; i++) {
        try { return await fn(); } catch (err) {
          if (i >= 20) throw new Error(`${what}: ${err}`);
          await running();
        }
      }
    }
    async function kill(): Promise<void> {
      await running();
      const s = sup.state;
      if (s.kind !== "running") return;
      killedEpochs.add(epoch);
      // The supervisor's pid is the watchdog's; opencode and its shells are the rest of its group.
      for (const p of groupMembers(s.pid).filter(p => p !== s.pid)) { try { process.kill(p, "SIGKILL"); } catch { /* already gone */ } }
      done.kills++;
    }
    function scheduleFaults(n: number, sid: string): void {
      for (const ms of cutsAt.get(n) ?? []) faults.push(new Promise(r => setTimeout(r, ms)).then(() => { streamProxy.drop(); done.cuts++; }));
      const k = killsAt.get(n);
      if (!k) return;
      if (!k.whileAsking) return void faults.push(new Promise(r => setTimeout(r, k.ms)).then(() => { done.killedAt.push(n); return kill(); }));
      // The user is away when the ask comes; it is killed with it pending, and answered after the restart.
      user.hold(sid);
      faults.push((async () => {
        await waitUntil(() => user.heldAsk(sid) !== undefined, 120_000, `turn ${n}: the ask to kill the server on never came`);
        const before = epoch;
        done.killedAt.push(n);
        await kill();
        await waitUntil(() => epoch > before && sup.state.kind === "running", 120_000, "no restart after the kill");
        user.release(sid);
      })());
    }
    const serverMessages = async (sid: string) => (await fsn.client.messages(sid)) as unknown as Msg[];
    const userMessageOf = (msgs: Msg[], tag: string) => msgs.findIndex(m => m.info.role === "user" && textOf(m.parts).includes(tag));

    async function send(sid: string, n: number): Promise<number> {
      const tag = turnTag(n, kinds[n]);
      if (!scheduled.has(n)) { scheduled.add(n); scheduleFaults(n, sid); }
      const how = await retrying(`sending turn ${n}`, () => fsn.send(sid, `${tag}: go`, [{ type: "text", text: `${tag}: go` }]));
      if (how === "held") done.held.push(n);
      return epoch;
    }
    /** Done: the server has the turn and both it and the model say the session is idle. Lost: killed before it arrived. */
    async function outcome(sid: string, n: number, sentEpoch: number): Promise<"done" | "lost" | undefined> {
      const tag = turnTag(n, kinds[n]);
      if (fsn.held.list(sid).some(p => p.text.includes(tag)) || sup.state.kind !== "running") return undefined;
      const [msgs, statuses] = await Promise.all([serverMessages(sid), fsn.client.status()]).catch(() => [undefined, undefined]);
      if (!msgs || !statuses) return undefined;
      const idle = (statuses[sid]?.type ?? "idle") === "idle" && (fsn.state.sessions[sid]?.status.type ?? "idle") === "idle";
      const i = userMessageOf(msgs, tag);
      if (!idle) return undefined;
      if (i < 0) return epoch > sentEpoch ? "lost" : undefined;
      if (!msgs.slice(i + 1).some(m => m.info.role === "assistant") && epoch === sentEpoch) return undefined;
      return "done";
    }
    async function finish(sid: string, n: number, sentEpoch: number): Promise<void> {
      let result: "done" | "lost" | undefined;
      await waitUntil(async () => (result = await outcome(sid, n, sentEpoch)) !== undefined, 120_000,
        `turn ${n} (${kinds[n]}) in ${sid} never ended: held ${JSON.stringify(fsn.held.list(sid).map(p => p.text))}, model status ${fsn.state.sessions[sid]?.status.type}, server ${sup.state.kind}, stream ${fsn.connection.kind}`);
      if (result === "lost") { done.lost++; return finish(sid, n, await send(sid, n)); }
      done.turns++;
    }
    async function lane(l: number): Promise<void> {
      const mine = Array.from({ length: size.turns }, (_, n) => n).filter(n => n % LANES === l);
      let sid = "";
      for (let i = 0; i < mine.length; i++) {
        if (i % TURNS_PER_SESSION === 0) {
          sid = (await retrying("creating a session", () => fsn.client.createSession({ title: `chaos lane ${l}` }))).id;
          sessions.push(sid);
          fsn.view(sid);
        }
        const first = mine[i];
        const e1 = await send(sid, first);
        if (typeAhead[first] && i + 1 < mine.length && (i + 1) % TURNS_PER_SESSION !== 0) {
          const second = mine[++i];
          // Typed while the model shows the first turn running, so it holds the second (unless the first ended meanwhile).
          await waitUntil(async () => (fsn.state.sessions[sid]?.status.type ?? "idle") !== "idle" || (await outcome(sid, first, e1)) !== undefined, 120_000, `turn ${first} never started`);
          const e2 = await send(sid, second);
          await finish(sid, first, e1);
          await finish(sid, second, e2);
        } else await finish(sid, first, e1);
      }
    }
    await Promise.all(Array.from({ length: LANES }, (_, l) => lane(l)));
    await Promise.all(faults);

    // Quiescence: the server runs, the stream is connected, nothing is being answered or pending anywhere.
    await waitUntil(async () => sup.state.kind === "running" && fsn.connection.kind === "connected" && user.answering === 0
      && fsn.asks.all().length === 0 && (await fsn.client.pendingPermissions().catch(() => [1])).length === 0, 60_000,
      `no quiescence: model asks ${fsn.asks.all().map(a => a.ask.id)}, answering ${user.answering}, stream ${fsn.connection.kind}`);

    // Every assistant message's text: the model's (reduced from the stream and the sweeps) against the server's own list.
    const differences = async () => {
      const out: string[] = [];
      for (const sid of sessions) {
        const server = (await serverMessages(sid)).filter(m => m.info.role === "assistant");
        const mine = (fsn.state.sessions[sid]?.messages ?? []).filter(m => m.info.role === "assistant");
        const ours = new Map(mine.map(m => [m.info.id, textOf(m.parts as Part[])]));
        for (const m of server) if (ours.get(m.info.id) !== textOf(m.parts)) out.push(`${sid}/${m.info.id}: server ${JSON.stringify(textOf(m.parts))}, model ${JSON.stringify(ours.get(m.info.id))}`);
        for (const id of ours.keys()) if (!server.some(m => m.info.id === id)) out.push(`${sid}/${id}: in the model only`);
      }
      return out;
    };
    await waitUntil(async () => (await differences()).length === 0, 30_000, "the model's text differs from the server's").catch(() => undefined);
    assert.deepEqual(await differences(), [], "the model's assistant text differs from the server's message list");
    // At most one reply per prompt the server got (a kill may cut one off; a prompt whose send died with
    // the server may have arrived and been sent again, so it may be there twice, each with its reply).
    const all = (await Promise.all(sessions.map(serverMessages))).flat();
    for (let n = 0; n < size.turns; n++) {
      const prompts = all.filter(m => m.info.role === "user" && textOf(m.parts).includes(turnTag(n, kinds[n]))).length;
      const replies = all.filter(m => m.info.role === "assistant" && textOf(m.parts) === replyText(n, kinds[n])).length;
      assert.ok(replies <= prompts, `turn ${n}'s reply is on the server ${replies} times, its prompt ${prompts} times`);
      if (prompts > 1) done.resent.push(n);
    }

    // Asks: never answered twice, as seen by the server and by the client; none lost; the killed ones expired.
    const accepted = tap.acceptedReplies();
    const records = [...user.asks.values()];
    const tally = { asks: records.length, sent: 0, expired: 0, gone: 0, errors: 0 };
    for (const [id, count] of accepted) assert.equal(count, 1, `ask ${id}: opencode accepted ${count} replies`);
    for (const r of records) {
      const sent = r.attempts.filter(a => a.result === "sent").length;
      tally.errors += r.attempts.filter(a => a.result.startsWith("error")).length;
      assert.ok(sent <= 1, `ask ${r.id}: ${sent} replies sent`);
      assert.equal(accepted.get(r.id) ?? 0, sent, `ask ${r.id}: the client sent ${sent}, opencode accepted ${accepted.get(r.id) ?? 0}`);
      if (sent) { tally.sent++; continue; }
      const how = JSON.stringify(r);
      assert.ok(killedEpochs.has(r.epoch), `ask ${r.id} of a server that was not killed was never answered: ${how}`);
      const expired = r.attempts.some(a => a.result === "expired") || r.settled.includes("expired");
      // The server's loss expires its asks at once; "gone" (a sweep not listing them) would leave the user uninformed.
      assert.ok(expired, `ask ${r.id} of a killed server did not expire: ${how}`);
      tally.expired++;
    }
    for (const id of accepted.keys()) assert.ok(user.asks.has(id), `opencode accepted a reply to ${id}, which the user never saw`);
    if ([...killsAt.values()].some(k => k.whileAsking)) assert.ok(tally.expired > 0, "no reply to an ask of a killed server came back expired");

    assert.deepEqual(thrown, [], "uncaught exceptions or unhandled rejections in the host");
    assert.deepEqual(errors, [], "errors logged");
    assert.equal(fsn.counts.malformed, 0, "malformed events");
    console.log(`      ${((Date.now() - t0) / 1000).toFixed(0)} s: ${JSON.stringify({ ...done, reconnects, sessions: sessions.length, ...tally, warnings: warns.length })}`);
  });
});
