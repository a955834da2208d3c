// Invalid permission settings fail closed, in real opencode 1.18.33, with the config the extension
// builds from them. Before, `{ bash: "ask", edit: "ASK" }` rejected the whole setting, the server
// started with `{}` on a first start, and opencode's default (`"*": "allow"`) ran bash unasked.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeModel, text, tools, type ToolCall } from "../fakes/fakeModel";
import { startRealOpencode, type RealOpencode } from "../fakes/realOpencode";
import { callJson } from "../../src/protocol/http";
import { buildOpencodeConfig } from "../../src/server/opencodeConfig";
import { EventRecorder } from "./eventRecorder";

type Server = { oc: RealOpencode; events: EventRecorder };

describe("real opencode: invalid permission settings ask", function () {
  this.timeout(120_000);
  let model: FakeModel;
  let oneBadKey: Server, notAnObject: Server;

  before(async () => {
    model = await FakeModel.start();
    const start = async (settings: Record<string, unknown>): Promise<Server> => {
      const built = buildOpencodeConfig(settings);
      assert.ok(built.errors.length > 0, "the invalid value is reported");
      const oc = await startRealOpencode(model, { config: built.config, git: true });
      return { oc, events: await EventRecorder.open(oc, oc.workspace) };
    };
    // A bad model in the same settings must not take the permission rules with it either.
    [oneBadKey, notAnObject] = await Promise.all([start({ permissions: { bash: "ask", edit: "ASK" }, model: "no-slash" }), start({ permissions: "allow everything" })]);
  });
  after(async () => {
    for (const s of [oneBadKey, notAnObject]) { s?.events.close(); await s?.oc.stop(); }
    await model?.close();
  });

  /** One tool call in a new session: whether opencode asked (the ask is rejected), and whether the file was written. */
  async function attempt(srv: Server, call: ToolCall, writes: string): Promise<{ asked: boolean; written: boolean }> {
    const dir = srv.oc.workspace;
    const s = await callJson<{ id: string }>(srv.oc, "/session", { directory: dir, body: { title: "fail closed" } });
    model.scriptFor(s.id, tools(call), text("done"));
    await callJson(srv.oc, `/session/${s.id}/prompt_async`, { directory: dir, body: { parts: [{ type: "text", text: "go" }] } });
    const first = await srv.events.waitFor(e => (e.type === "permission.asked" || e.type === "session.idle") && e.properties.sessionID === s.id);
    if (first.type === "permission.asked") {
      await callJson(srv.oc, `/permission/${first.properties.id}/reply`, { directory: dir, body: { reply: "reject" } });
      await srv.events.waitFor(e => e.type === "session.idle" && e.properties.sessionID === s.id);
    }
    return { asked: first.type === "permission.asked", written: fs.existsSync(path.join(dir, writes)) };
  }
  const bash = (srv: Server, file: string) => attempt(srv, { name: "bash", args: { command: `echo hi > ${file}`, description: "write" } }, file);
  const write = (srv: Server, file: string) => attempt(srv, { name: "write", args: { filePath: path.join(srv.oc.workspace, file), content: "x\n" } }, file);

  it('{ bash: "ask", edit: "ASK" }: bash asks as the user said, and the invalid edit value asks too', async () => {
    const [b, w] = await Promise.all([bash(oneBadKey, "b.txt"), write(oneBadKey, "w.txt")]);
    assert.deepEqual(b, { asked: true, written: false });
    assert.deepEqual(w, { asked: true, written: false });
  });

  it("a permissions value that is not an object asks before every tool", async () => {
    const [b, w] = await Promise.all([bash(notAnObject, "b.txt"), write(notAnObject, "w.txt")]);
    assert.deepEqual(b, { asked: true, written: false });
    assert.deepEqual(w, { asked: true, written: false });
  });
});
