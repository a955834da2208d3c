// A reply to an ask that could not be sent (the server unreachable for a moment) against real
// opencode 1.18.33: the ask stays answerable, and the next answer reaches opencode, which applies
// it. The API calls go through a TCP proxy that is cut and restored; the event stream connects
// directly, so the ask's events keep arriving while the replies fail.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { runProtocolPaths, stepOf, text, tools } from "../fakes/fakeModel";
import { TcpProxy } from "../fakes/tcpProxy";
import { FolderSession } from "../../src/conversation/folderSession";
import { Run } from "../../src/runs/engine/run";
import type { Ask } from "../../src/conversation/asks";
import { useSharedServer } from "./helpers/sharedServer";
import { waitUntil } from "./helpers/processes";

const quiet = { debug: () => {}, info: () => {}, warn: () => {} };
const bash = (command: string) => tools({ name: "bash", args: { command, description: "run" } });

describe("real opencode: a reply that could not be sent leaves the ask answerable", function () {
  this.timeout(120_000);
  const shared = useSharedServer({ permission: { edit: "ask", bash: "ask" } }, { git: true });
  let proxy: TcpProxy, fsn: FolderSession;
  let viaProxy = false;
  const userAsks: Ask[] = [];

  before(async () => {
    proxy = await TcpProxy.start(Number(new URL(shared.oc.baseUrl).port));
    // The stream reads the endpoint once, to connect; every API call reads it again.
    fsn = new FolderSession(async () => (viaProxy ? { baseUrl: proxy.url, credentials: shared.oc.credentials } : shared.oc), shared.oc.workspace, quiet);
    fsn.asks.onDidAdd(a => userAsks.push(a));
    await fsn.stream.whenConnected();
    viaProxy = true;
  });
  after(async () => { fsn?.dispose(); await proxy?.close(); });
  beforeEach(() => { userAsks.length = 0; proxy.unblock(); });

  const askOf = async (sessionID: string, what: string) => {
    await waitUntil(() => userAsks.some(a => a.ask.sessionID === sessionID), 30_000, what);
    return userAsks.find(a => a.ask.sessionID === sessionID)!;
  };

  it("the user's answer after a failed send is sent, not dropped as already answered, and opencode runs the tool", async () => {
    const s = await fsn.client.createSession({ title: "failed reply" });
    shared.model.scriptFor(s.id, bash("echo ok > replied.txt"), text("done"));
    await fsn.client.prompt(s.id, [{ type: "text", text: "go" }]);
    const ask = await askOf(s.id, "the ask never reached the user");
    proxy.drop(Infinity);
    await assert.rejects(fsn.client.replyPermission(ask.ask.id, "once"), "the server is unreachable");
    assert.ok(fsn.asks.get(ask.ask.id), "still pending after the failed send");
    proxy.unblock();
    assert.equal(await fsn.client.replyPermission(ask.ask.id, "once"), "sent");
    const file = path.join(shared.oc.workspace, "replied.txt");
    await waitUntil(() => fs.existsSync(file), 30_000, "opencode never ran the allowed command");
    assert.equal(fs.readFileSync(file, "utf8"), "ok\n");
    await waitUntil(() => fsn.asks.get(ask.ask.id) === undefined, 10_000, "the ask never settled");
  });

  it("a run whose own answer fails hands the ask to the user, whose answer is sent and lets the run finish", async () => {
    shared.model.handle(req => {
      const p = runProtocolPaths(req);
      if (!p) return text("(no run protocol in the prompt)");
      return [bash(`echo 'DONE: answered by the user' >> ${p.log}`), text("finished")][stepOf(req)] ?? text("(over)");
    });
    // Gates are asked in the order they were added, so this one sees the run's ask just before the
    // run's own gate takes it, and cuts the proxy: the run's reply fails.
    let armed = true;
    const cut = fsn.asks.addGate(a => {
      if (armed && a.kind === "permission") { armed = false; proxy.drop(Infinity); }
      return false;
    });
    const run = await Run.start({ folder: shared.oc.workspace, session: fsn, prompt: "Write the log line.", title: "failing auto-answer", patternRoot: shared.oc.workspace, server: { attached: false, envShell: undefined }, log: quiet });
    try {
      const ask = await askOf(run.sessionID, "the ask the run could not answer never reached the user");
      assert.equal(armed, false, "the run's reply went out while the server was unreachable");
      proxy.unblock();
      assert.equal(await fsn.client.replyPermission(ask.ask.id, "once"), "sent");
      const report = await run.finished;
      assert.deepEqual([report.state, report.summary, report.autoAnswered], ["succeeded", "answered by the user", 0]);
    } finally {
      cut.dispose();
      proxy.unblock();
      await run.cancel();
    }
  });
});
