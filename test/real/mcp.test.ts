// MCP servers in real opencode 1.18.33, with a real MCP server from npm
// (@modelcontextprotocol/server-everything over stdio) and one whose command exits at once.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeModel, text, tools } from "../fakes/fakeModel";
import { startRealOpencode, type RealOpencode } from "../fakes/realOpencode";
import { FolderSession } from "../../src/conversation/folderSession";
import { OpencodeApi } from "../../src/protocol/api";
import { callJson } from "../../src/protocol/http";
import { buildOpencodeConfig } from "../../src/server/opencodeConfig";
import { repoRoot } from "../paths";
import { waitUntil } from "./helpers/processes";

const everything = path.join(repoRoot, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
const quiet = { debug: () => {}, info: () => {}, warn: (m: string) => console.log(`      warn: ${m}`) };

const tokenFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "oc-mcp-")), "token");
/** A secret only the extension host's environment holds (the server inherits it). */
process.env.OC_MCP_TEST_TOKEN = "env-secret-1234";

/** The extension's `opencode.mcp` setting, as a user writes it. */
const mcpSetting = {
  // cwd and timeout: keys opencode takes that the setting's check must pass on (a key it rejects would fail the whole config).
  everything: { type: "local", command: [process.execPath, everything, "stdio"], cwd: os.tmpdir(), timeout: 20_000 },
  // Secrets as references: opencode substitutes them when it reads the config.
  refs: { type: "local", command: [process.execPath, everything, "stdio"], environment: { API_TOKEN: "{env:OC_MCP_TEST_TOKEN}", FILE_TOKEN: `{file:${tokenFile}}` } },
  off: { type: "local", command: [process.execPath, everything, "stdio"], enabled: false },
  broken: { type: "local", command: [process.execPath, "-e", "process.stderr.write('no config file'); process.exit(3)"] },
};

type ToolPart = { type: "tool"; tool: string; state: { status: string; output?: string; input?: unknown } };

describe("real opencode: MCP servers (server-everything over stdio)", function () {
  this.timeout(120_000);
  let model: FakeModel, oc: RealOpencode, fsn: FolderSession, api: OpencodeApi;

  before(async () => {
    fs.writeFileSync(tokenFile, "file-secret-5678\n");
    model = await FakeModel.start();
    // The config goes through the extension's own builder, as the setting does for a folder's server.
    // Permission keys match tool names with wildcards, the last matching key winning.
    const built = buildOpencodeConfig({ mcp: mcpSetting, permissions: { "everything_*": "ask", "everything_get-sum": "allow" } });
    assert.deepEqual(built.errors, []);
    oc = await startRealOpencode(model, { config: built.config });
    fsn = new FolderSession(() => oc.supervisor.ensureRunning(), oc.workspace, quiet);
    api = new OpencodeApi(() => oc.supervisor.ensureRunning(), oc.workspace);
    await fsn.stream.whenConnected();
  });
  after(async () => { fsn?.dispose(); await oc?.stop(); await model?.close(); fs.rmSync(path.dirname(tokenFile), { recursive: true, force: true }); });
  beforeEach(() => model.reset());

  const toolParts = (sessionID: string) => (fsn.state.sessions[sessionID]?.messages ?? []).flatMap(m => m.parts).filter(p => p.type === "tool") as unknown as ToolPart[];

  it("lists the configured servers: the npm one connected, the one that exits failed with its error", async () => {
    const status = await api.mcpStatus();
    console.log(`      GET /mcp: ${JSON.stringify(status)}`);
    assert.deepEqual(status.everything, { status: "connected" });
    assert.deepEqual(status.off, { status: "disabled" });
    assert.equal(status.broken?.status, "failed");
    assert.ok(status.broken?.status === "failed" && status.broken.error.length > 0, "a failed server carries its error");
  });

  it("offers the server's tools to the model as <server>_<tool>", async () => {
    model.script(text("ok"));
    const s = await fsn.client.createSession({ title: "tools" });
    await fsn.client.prompt(s.id, [{ type: "text", text: "list" }]);
    await waitUntil(() => model.requests.some(r => !r.isTitleRequest), 30_000, "no model request");
    const names = (model.requests.find(r => !r.isTitleRequest)!.body.tools ?? []).map(t => (t as { function: { name: string } }).function.name);
    assert.ok(names.includes("everything_echo"), names.join(", "));
    assert.ok(names.includes("everything_get-sum"), names.join(", "));
    assert.ok(!names.some(n => n.startsWith("broken_")), "a failed server offers no tools");
  });

  it("runs an MCP tool allowed by rule unasked, and its result reaches the folder model", async () => {
    const s = await fsn.client.createSession({ title: "sum" });
    fsn.view(s.id);
    model.scriptFor(s.id, tools({ name: "everything_get-sum", args: { a: 2, b: 40 } }), text("The sum is 42."));
    await fsn.client.prompt(s.id, [{ type: "text", text: "add 2 and 40" }]);
    await waitUntil(() => toolParts(s.id).some(p => p.state.status === "completed") && fsn.state.sessions[s.id].status.type === "idle", 30_000, "tool not completed");
    const part = toolParts(s.id)[0];
    assert.equal(part.tool, "everything_get-sum");
    assert.match(part.state.output ?? "", /42/);
    assert.equal(fsn.state.sessions[s.id].permissions.length, 0);
  });

  it('"everything_*": ask makes the MCP call wait for an approval; "once" lets it run', async () => {
    const s = await fsn.client.createSession({ title: "echo" });
    fsn.view(s.id);
    model.scriptFor(s.id, tools({ name: "everything_echo", args: { message: "hello from mcp" } }), text("Echoed."));
    await fsn.client.prompt(s.id, [{ type: "text", text: "echo it" }]);
    await waitUntil(() => fsn.state.sessions[s.id]?.permissions.length === 1, 30_000, "no permission ask");
    const ask = fsn.state.sessions[s.id].permissions[0];
    console.log(`      ask: ${JSON.stringify({ permission: ask.permission, patterns: ask.patterns })}`);
    assert.equal(ask.permission, "everything_echo");
    // The barrier: the ask is pending, so the tool has not run yet.
    assert.ok(!toolParts(s.id).some(p => p.state.status === "completed"), "the tool ran before the approval");
    assert.equal(await fsn.client.replyPermission(ask.id, "once"), "sent");
    await waitUntil(() => toolParts(s.id).some(p => p.state.status === "completed") && fsn.state.sessions[s.id].status.type === "idle", 30_000, "tool not completed after approval");
    assert.equal(toolParts(s.id)[0].state.output, "Echo: hello from mcp");
  });

  /** Runs `<server>_get-env` and returns the MCP server process's environment. */
  async function envOf(server: string): Promise<Record<string, string>> {
    const s = await fsn.client.createSession({ title: `env of ${server}` });
    fsn.view(s.id);
    model.scriptFor(s.id, tools({ name: `${server}_get-env`, args: {} }), text("ok"));
    await fsn.client.prompt(s.id, [{ type: "text", text: "env" }]);
    await waitUntil(() => toolParts(s.id).some(p => p.state.status === "completed"), 30_000, "get-env not completed");
    return JSON.parse(toolParts(s.id)[0].state.output!);
  }

  it("substitutes {env:NAME} and {file:path} references in an MCP server's environment", async () => {
    const env = await envOf("refs");
    assert.equal(env.API_TOKEN, "env-secret-1234");
    assert.equal(env.FILE_TOKEN, "file-secret-5678", "a {file:} reference is the file's content, trimmed");
  });

  it("POST /mcp adds a server to the running server only, with references left unsubstituted", async () => {
    const added = await callJson<Record<string, unknown>>(oc, "/mcp", { directory: oc.workspace, body: { name: "live", config: { type: "local", command: [process.execPath, everything, "stdio"], environment: { API_TOKEN: "{env:OC_MCP_TEST_TOKEN}" } } } });
    assert.deepEqual(added.live, { status: "connected" }, "the answer is every server's status");
    assert.deepEqual((await api.mcpStatus()).live, { status: "connected" });
    assert.equal((await envOf("live")).API_TOKEN, "{env:OC_MCP_TEST_TOKEN}", "so the extension never adds servers this way: it writes the setting");
  });

  it("disconnect and connect change the status", async () => {
    assert.equal(await api.mcpDisconnect("everything"), true);
    assert.deepEqual((await api.mcpStatus()).everything, { status: "disabled" });
    assert.equal(await api.mcpConnect("everything"), true);
    assert.deepEqual((await api.mcpStatus()).everything, { status: "connected" });
  });

  it("connect of a server the config does not name is a 404", async () => {
    await assert.rejects(api.mcpConnect("nope"), (err: Error) => /404/.test(err.message));
  });

  // Last: it restarts the file's server.
  it("a restart forgets servers added by POST /mcp and a disconnect; the config's servers connect again", async () => {
    await api.mcpDisconnect("everything");
    const before = await api.mcpStatus();
    assert.ok(before.live && before.everything.status === "disabled", "the barrier: both are as left before the restart");
    await oc.supervisor.restart();
    const status = await api.mcpStatus();
    assert.equal(status.live, undefined);
    assert.deepEqual(status.everything, { status: "connected" });
  });
});
