// Session actions against real opencode 1.18.33 and the fake model, through the API calls and the
// pure parts the commands use: delete, fork, share (refused offline), summarize and the transcript.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeModel, text, tools } from "../fakes/fakeModel";
import { fakeProviderConfig, startRealOpencode, testSupervisor } from "../fakes/realOpencode";
import { HttpError } from "../../src/common/errors";
import { OpencodeApi } from "../../src/protocol/api";
import { useSharedServer } from "./helpers/sharedServer";
import { allMessages, conversations, sessionInfo } from "../../src/sessions/engine/sessionMessages";
import { sessionMarkdown } from "../../src/sessions/engine/sessionExport";
import { compactionModel } from "../../src/sessions/engine/compactModel";
import { shareRefusal } from "../../src/sessions/engine/shareRefusal";

describe("real opencode: session actions (delete, fork, share, summarize, export)", function () {
  this.timeout(120_000);
  const shared = useSharedServer({ permission: { edit: "allow", bash: "allow" } }, { git: true });
  let api: OpencodeApi;
  before(() => { api = new OpencodeApi(async () => shared.oc, shared.oc.workspace); });

  /** A session with two finished turns. */
  async function twoTurns(title: string): Promise<string> {
    const s = await api.createSession({ title });
    shared.model.script(text("first answer"), text("second answer"));
    await api.promptAndWait(s.id, [{ type: "text", text: "hello one" }], {}, 60_000);
    await api.promptAndWait(s.id, [{ type: "text", text: "hello two" }], {}, 60_000);
    return s.id;
  }

  it("delete: the session leaves the list and its id answers 404", async () => {
    const id = await twoTurns("To delete");
    assert.ok((await conversations(api)).some(s => s.id === id));
    assert.equal(await api.deleteSession(id), true);
    assert.ok(!(await conversations(api)).some(s => s.id === id));
    await assert.rejects(sessionInfo(api, id), (e: unknown) => e instanceof HttpError && e.status === 404 && /Session not found/.test(e.body));
  });

  it("fork without a message id: every message copied, titled \"<title> (fork #1)\", the original untouched", async () => {
    const id = await twoTurns("Forked");
    const fork = await api.forkSession(id);
    assert.equal(fork.title, "Forked (fork #1)");
    const [orig, copy] = await Promise.all([allMessages(api, id), allMessages(api, fork.id)]);
    assert.deepEqual(copy.map(m => m.info.role), ["user", "assistant", "user", "assistant"]);
    assert.deepEqual(copy.flatMap(m => m.parts.flatMap(p => (p.type === "text" ? [p.text] : []))), orig.flatMap(m => m.parts.flatMap(p => (p.type === "text" ? [p.text] : []))));
    assert.ok(copy.every(m => m.info.sessionID === fork.id));
    assert.equal((await allMessages(api, id)).length, 4);
  });

  it("share with share: \"disabled\": 1.18.33 answers a bare 500, so the extension refuses first from GET /config", async () => {
    const id = await twoTurns("Not shared");
    const config = await api.config();
    assert.equal(config.share, "disabled");
    assert.match(shareRefusal(config) ?? "", /sharing is disabled in this folder's opencode config/);
    await assert.rejects(api.share(id), (e: unknown) => e instanceof HttpError && e.status === 500 && /UnknownError/.test(e.body));
    assert.equal((await sessionInfo(api, id)).id, id);
  });

  it("summarize: the fake model gets the summary request; opencode stores a compaction turn with the summary", async () => {
    const id = await twoTurns("Compacted");
    const before = await allMessages(api, id);
    const model = compactionModel(before, undefined);
    assert.deepEqual(model, { providerID: "fake", modelID: "fake-model" });
    const asked = shared.model.requests.length;
    shared.model.script(text("## Summary\nwe said hello twice"));
    assert.equal(await api.summarize(id, model!, 60_000), true);
    const request = shared.model.requests.slice(asked).find(r => !r.isTitleRequest);
    assert.ok(request, "the summary went to the model");
    const sent = JSON.stringify(request.body.messages);
    assert.match(sent, /hello one/);
    assert.match(sent, /Keep every section, even when empty/);
    const after = await allMessages(api, id);
    assert.equal(after.length, before.length + 2);
    const [user, summary] = after.slice(-2);
    assert.equal(user.info.role, "user");
    assert.deepEqual(user.parts.map(p => (p.type === "unknown" ? p.originalType : p.type)), ["compaction"]);
    assert.equal(summary.info.role, "assistant");
    assert.ok(summary.info.role === "assistant" && summary.info.mode === "compaction" && summary.info.agent === "compaction");
    assert.ok(summary.parts.some(p => p.type === "text" && p.text === "## Summary\nwe said hello twice"));
  });

  it("export: the transcript of real messages (a write and a failed tool call included)", async () => {
    const s = await api.createSession({ title: "Exported" });
    shared.model.script(
      tools({ name: "write", args: { filePath: path.join(shared.oc.workspace, "notes.md"), content: "a\nb\nc\n" } }),
      tools({ name: "read", args: { filePath: path.join(shared.oc.workspace, "missing.txt") } }),
      text("Wrote notes.md."),
    );
    await api.promptAndWait(s.id, [{ type: "text", text: "write the notes" }], {}, 60_000);
    assert.equal(fs.readFileSync(path.join(shared.oc.workspace, "notes.md"), "utf8"), "a\nb\nc\n");
    const info = await sessionInfo(api, s.id);
    const md = sessionMarkdown({ id: info.id, title: info.title, created: info.time.created, directory: info.directory ?? "" }, await allMessages(api, s.id), () => "DATE");
    const lines = md.split("\n");
    assert.equal(lines[0], "# Exported");
    assert.ok(lines.includes(`- Session: \`${s.id}\``));
    assert.ok(lines.includes("- Model: fake/fake-model"));
    assert.ok(lines.includes("## User · DATE"));
    assert.ok(lines.includes("write the notes"));
    assert.ok(lines.includes("- `write` notes.md +3 lines written (completed)"), md);
    assert.ok(lines.some(l => /^- `read` missing\.txt \(error: .*\)$/.test(l)), md);
    assert.ok(lines.includes("Wrote notes.md."));
    assert.equal(lines.filter(l => l.startsWith("## Assistant (build · fake/fake-model)")).length, 3, md);
  });
});

describe("real opencode: sharing enabled but offline", function () {
  this.timeout(120_000);
  let model: FakeModel;
  let oc: Awaited<ReturnType<typeof startRealOpencode>>;
  before(async () => {
    model = await FakeModel.start();
    oc = await startRealOpencode(model, { config: { share: "manual" } });
  });
  after(async () => { await oc?.stop(); await model?.close(); });

  it("POST /session/{id}/share answers 500 {_tag: InternalServerError} at once (no share service) and the session stays unshared", async () => {
    const api = new OpencodeApi(async () => oc, oc.workspace);
    assert.equal((await api.config()).share, "manual");
    assert.equal(shareRefusal(await api.config()), undefined);
    const s = await api.createSession({ title: "Offline share" });
    const err = await api.share(s.id).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof HttpError && err.status === 500 && /InternalServerError/.test(err.body), String(err));
    assert.equal((await api.getSession(s.id)).share, undefined);
  });
});

describe("real opencode: a session id opened from another window of the same folder", function () {
  this.timeout(120_000);
  const shared = useSharedServer({});

  it("a second server on the folder with the same data dir finds the session by id, messages included", async () => {
    const first = new OpencodeApi(async () => shared.oc, shared.oc.workspace);
    const s = await first.createSession({ title: "Seen from elsewhere" });
    shared.model.script(text("answer from the first window"));
    await first.promptAndWait(s.id, [{ type: "text", text: "asked in the first window" }], {}, 60_000);
    // Another VS Code window on the folder: its own server process, the same HOME and XDG dirs.
    const other = testSupervisor(shared.oc.scratch, shared.oc.workspace, fakeProviderConfig(shared.model));
    try {
      const ep = await other.ensureRunning();
      assert.notEqual(ep.baseUrl, shared.oc.baseUrl);
      const second = new OpencodeApi(async () => ep, shared.oc.workspace);
      assert.equal((await sessionInfo(second, s.id)).title, "Seen from elsewhere");
      const texts = (await allMessages(second, s.id)).flatMap(m => m.parts.flatMap(p => (p.type === "text" ? [p.text] : [])));
      assert.deepEqual(texts, ["asked in the first window", "answer from the first window"]);
      await assert.rejects(sessionInfo(second, "ses_notInThisFolder1"), (e: unknown) => e instanceof HttpError && e.status === 404);
    } finally {
      await other.dispose();
    }
  });
});
