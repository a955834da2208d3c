// Server lifecycle against the real opencode binary: these tests spawn their own servers.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import type { ServerSupervisor, ServerState } from "../../src/server/supervisor";
import { findOpencode, OpencodeNotFoundError } from "../../src/server/binary";
import { buildOpencodeConfig } from "../../src/server/opencodeConfig";
import { callJson } from "../../src/protocol/http";
import { freePort } from "../../src/server/ports";
import { RestartPolicy } from "../../src/server/restartPolicy";
import { testSupervisor } from "../fakes/realOpencode";
import { opencodeBin, repoRoot } from "../paths";
import { groupMembers, waitUntil } from "./helpers/processes";

const watchdog = path.join(repoRoot, "dist", "watchdog.js");

describe("real opencode: server lifecycle", function () {
  this.timeout(120_000);
  const scratches: string[] = [];
  const supervisors: ServerSupervisor[] = [];
  after(async () => {
    await Promise.all(supervisors.map(s => s.dispose()));
    for (const d of scratches) fs.rmSync(d, { recursive: true, force: true });
  });

  function supervisor(o: { config?: Record<string, unknown>; policy?: RestartPolicy; idleMs?: number; pickPort?: () => Promise<number>; log?: (l: string) => void } = {}): { sup: ServerSupervisor; folder: string; states: ServerState["kind"][] } {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-life-"));
    scratches.push(scratch);
    const folder = path.join(scratch, "ws");
    fs.mkdirSync(folder);
    const sup = testSupervisor(scratch, folder, { autoupdate: false, share: "disabled", ...o.config }, { policy: o.policy, idleTimeoutMs: () => o.idleMs ?? 0, pickPort: o.pickPort, ...(o.log ? { log: o.log } : {}) });
    supervisors.push(sup);
    const states: ServerState["kind"][] = [];
    sup.onDidChangeState(s => states.push(s.kind));
    return { sup, folder, states };
  }

  it("finds the binary through OPENCODE_BIN and reports what it tried when nothing works", async () => {
    const found = await findOpencode({ env: { OPENCODE_BIN: opencodeBin(), PATH: "" } });
    assert.equal(found.source, "OPENCODE_BIN");
    assert.match(found.version, /^\d+\.\d+\.\d+/);
    const err = await findOpencode({ env: { PATH: "/nonexistent" }, settingPath: "/no/such/opencode", npmGlobalPrefix: async () => "/nonexistent-prefix" })
      .then(() => undefined, e => e);
    assert.ok(err instanceof OpencodeNotFoundError);
    assert.deepEqual(err.tried.map((t: { source: string }) => t.source), ["opencode.path", "PATH", "npm global"]);
    assert.match(err.message, /opencode\.path \(\/no\/such\/opencode\): no such file/);
  });

  it("starts lazily on 127.0.0.1 with basic auth, answers health, and stops leaving no process", async () => {
    const { sup, states } = supervisor();
    assert.equal(String(sup.state.kind), "stopped", "nothing is spawned before first use");
    const ep = await sup.ensureRunning();
    assert.match(ep.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    const s: ServerState = sup.state;
    assert.ok(s.kind === "running");
    const health = await callJson<{ healthy: boolean }>(ep, "/global/health");
    assert.equal(health.healthy, true);
    await assert.rejects(callJson({ baseUrl: ep.baseUrl }, "/global/health"), /401/);
    const members = groupMembers(s.pid);
    assert.ok(members.length >= 2, `watchdog and opencode in the group, got ${members}`);
    await sup.stop();
    assert.deepEqual(groupMembers(s.pid), []);
    assert.deepEqual(states, ["starting", "running", "stopping", "stopped"]);
  });

  it("retries once on another port when the chosen port is taken (opencode exits before listening)", async () => {
    const squatter = net.createServer();
    await new Promise<void>(ok => squatter.listen(0, "127.0.0.1", ok));
    const taken = (squatter.address() as net.AddressInfo).port;
    const ports = [taken];
    const lines: string[] = [];
    try {
      const { sup, states } = supervisor({ pickPort: async () => ports.shift() ?? freePort(), log: l => lines.push(l) });
      const ep = await sup.ensureRunning();
      assert.notEqual(new URL(ep.baseUrl).port, String(taken));
      assert.ok(lines.some(l => /exited before listening \(1\); retrying once on another port/.test(l)), lines.join("\n"));
      assert.deepEqual(states, ["starting", "running"], "the retry is invisible to the user beyond the log");
      await sup.stop();
    } finally {
      squatter.close();
    }
  });

  it("leaves no process within 5 s when its host is killed with SIGKILL", async () => {
    const host = spawn(process.execPath, [path.join(repoRoot, "out", "test", "real", "helpers", "supervisorHost.js"), watchdog], { stdio: ["ignore", "pipe", "inherit"] });
    const first = await new Promise<string>((ok, fail) => {
      readline.createInterface({ input: host.stdout! }).once("line", ok);
      host.once("exit", code => fail(new Error(`host exited ${code}`)));
    });
    const { pid, scratch } = JSON.parse(first) as { pid: number; scratch: string };
    scratches.push(scratch);
    assert.ok(groupMembers(pid).length >= 2);
    host.kill("SIGKILL");
    const ms = await waitUntil(() => groupMembers(pid).length === 0, 5_000, "opencode outlived its SIGKILLed host");
    console.log(`      the server's process group was gone ${ms} ms after the host's SIGKILL`);
  });

  it("restarts after a crash (kill -9 of opencode) and the history is still readable", async () => {
    const { sup, folder, states } = supervisor({ policy: RestartPolicy.create({ baseDelayMs: 100 }) });
    const ep = await sup.ensureRunning();
    const created = await callJson<{ id: string }>(ep, "/session", { directory: folder, body: { title: "survives a crash" } });
    const before = sup.state;
    assert.ok(before.kind === "running");
    const opencodePid = groupMembers(before.pid).find(p => p !== before.pid)!;
    process.kill(opencodePid, "SIGKILL");
    await waitUntil(() => sup.state.kind === "running" && sup.state.pid !== before.pid, 60_000, "no restart");
    const after = await sup.ensureRunning();
    const again = await callJson<{ id: string; title: string }>(after, `/session/${created.id}`, { directory: folder });
    assert.equal(again.title, "survives a crash");
    assert.deepEqual(states.slice(0, 4), ["starting", "running", "crashed", "starting"]);
  });

  it("stays stopped and says why after crashing too often", async () => {
    const baseDelayMs = 100;
    const { sup, states } = supervisor({ policy: RestartPolicy.create({ maxCrashes: 1, baseDelayMs }) });
    await sup.ensureRunning();
    const s = sup.state;
    assert.ok(s.kind === "running");
    for (const p of groupMembers(s.pid).filter(p => p !== s.pid)) process.kill(p, "SIGKILL");
    await waitUntil(() => sup.state.kind === "crashed", 10_000, "crash not noticed");
    const crashed = sup.state;
    assert.ok(crashed.kind === "crashed");
    assert.equal(crashed.restartInMs, undefined);
    assert.match(crashed.error, /crashed too often/);
    // A restart is armed when the crash is seen, the policy's delay ahead. Node runs timers in the
    // order they fall due, so one as long armed now fires after it would have: still crashed then.
    await new Promise(r => setTimeout(r, baseDelayMs));
    assert.equal(sup.state, crashed, "restarted although it said it stays stopped");
    assert.deepEqual(states, ["starting", "running", "crashed"]);
  });

  it("stops after the idle time with nothing holding it, and starts again on next use", async () => {
    const idleMs = 1_500;
    const { sup } = supervisor({ idleMs });
    await sup.ensureRunning(); // arms the idle stop
    const hold = sup.hold();
    // Node runs timers in the order they fall due, and promise callbacks before the next timer: one
    // as long as the idle time, armed after the supervisor armed its own, fires after an idle stop
    // that the hold failed to cancel would have left "running".
    await new Promise(r => setTimeout(r, idleMs));
    assert.equal(sup.state.kind, "running", "a hold keeps it running");
    hold.dispose();
    await waitUntil(() => sup.state.kind === "stopped", 10_000, "no idle stop");
    await sup.ensureRunning();
    assert.equal(sup.state.kind, "running");
  });

  it("injects settings as config on top of the project's opencode.json (checked with GET /config)", async () => {
    const built = buildOpencodeConfig({ permissions: { bash: "deny", edit: { "*.md": "allow", "*": "ask" } }, model: "fake/fake-model", instructions: ["docs/rules.md"] });
    assert.deepEqual(built.errors, []);
    const { sup, folder } = supervisor({ config: built.config });
    fs.writeFileSync(path.join(folder, "opencode.json"), JSON.stringify({ username: "project-user", permission: { webfetch: "deny" } }));
    const ep = await sup.ensureRunning();
    const config = await callJson<Record<string, any>>(ep, "/config", { directory: folder });
    assert.equal(config.username, "project-user", "the project's own opencode.json still applies");
    assert.equal(config.model, "fake/fake-model");
    assert.deepEqual(config.instructions, ["docs/rules.md"]);
    assert.equal(config.permission.bash, "deny");
    assert.equal(config.permission.webfetch, "deny");
    assert.deepEqual(config.permission.edit, { "*.md": "allow", "*": "ask" });
  });
});
