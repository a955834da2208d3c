// The idle stop against real opencode: a turn longer than the idle time holds its server (the
// busy session does), and the server stops once the turn is over and the idle time has passed.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeModel } from "../fakes/fakeModel";
import { testSupervisor, fakeProviderConfig } from "../fakes/realOpencode";
import { FolderSession } from "../../src/conversation/folderSession";
import { holdWhileNeeded } from "../../src/conversation/serverHolds";
import { whenRunning } from "../../src/server/whenRunning";
import type { ServerSupervisor } from "../../src/server/supervisor";
import { findSession } from "../../src/protocol/state";
import { waitUntil } from "./helpers/processes";

const quiet = { debug: () => {}, info: () => {}, warn: (m: string) => console.log(`      warn: ${m}`) };
// Long enough that setting up the turn (a few calls, each restarting the countdown) fits in it on a loaded machine.
const idleMs = 6_000;

describe("real opencode: the idle stop spares a busy session", function () {
  this.timeout(120_000);
  let model: FakeModel;
  const cleanup: (() => unknown)[] = [];
  before(async () => { model = await FakeModel.start(); });
  after(async () => { for (const c of cleanup.reverse()) await c(); await model?.close(); });

  function server(name: string): { sup: ServerSupervisor; dir: string } {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `oc-idle-${name}-`));
    const dir = path.join(scratch, name);
    fs.mkdirSync(dir);
    const sup = testSupervisor(scratch, dir, fakeProviderConfig(model), { idleTimeoutMs: () => idleMs });
    cleanup.push(() => sup.dispose(), () => fs.rmSync(scratch, { recursive: true, force: true }));
    return { sup, dir };
  }

  it("keeps the server through a turn longer than the idle time, then stops it when idle", async () => {
    const a = server("busy");
    // Wired as the extension wires a folder: calls count as use, and the session's needs hold the server.
    const session = new FolderSession({ stream: () => whenRunning(a.sup), calls: () => { a.sup.touch(); return whenRunning(a.sup); } }, a.dir, quiet);
    const holds = holdWhileNeeded(session, () => a.sup.hold());
    cleanup.push(() => holds.dispose(), () => session.dispose());
    await a.sup.ensureRunning();
    await waitUntil(() => session.connection.kind === "connected", 30_000, "the event stream did not connect");

    let release!: () => void;
    const gate = new Promise<void>(r => { release = r; });
    model.handle(() => ({ kind: "text", chunks: ["slow ", "reply"], until: gate }));
    const { id } = await session.client.createSession({ title: "long turn" });
    await session.send(id, "take your time", [{ type: "text", text: "take your time" }]);
    await waitUntil(() => findSession(session.state, id)?.status.type === "busy" && model.requests.some(r => !r.isTitleRequest), 30_000, "the turn did not start");

    // The barrier: a second server with the same idle time, started after the turn's last call.
    // When its idle stop has come, the first one's would have come too, had nothing held it.
    const b = server("idle");
    await b.sup.ensureRunning();
    await waitUntil(() => b.sup.state.kind === "stopped", 60_000, "the idle server never stopped");
    assert.equal(a.sup.state.kind, "running", "the server of the busy session was stopped mid-turn");

    release();
    await waitUntil(() => findSession(session.state, id)?.status.type === "idle"
      && !!findSession(session.state, id)?.messages.some(m => m.parts.some(p => p.type === "text" && p.text.includes("slow reply"))), 30_000, "the turn did not finish");
    // Held no longer: the idle stop comes after the turn.
    await waitUntil(() => a.sup.state.kind === "stopped", 60_000, "the server did not stop once idle");
  });
});
