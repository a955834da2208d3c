// Replies to permission asks and questions, through the extension's OpencodeClient, against real
// opencode 1.18.33 and the fake model. Findings (the workspace is a git repository):
// - An edit ask (write or edit tool): permission "edit", patterns [path relative to the repository
//   root], always ["*"], metadata {filepath (absolute), diff (unified, against the file on disk)},
//   tool {messageID, callID}.
// - once: written, the model is called again; the next write of the same turn asks again.
// - reject: not written, tool error "The user rejected permission to use this specific tool call.",
//   the turn ends (no further model call). Rejecting one of several pending asks of a session
//   rejects them all (one permission.replied "reject" each).
// - reject + message: not written; the model is called again, the tool result being "The user rejected
//   permission to use this specific tool call with the following feedback: <message>".
// - always: approves `always` (edit: "*" = every file; bash "echo x": "echo *" only) for every session
//   of that directory on this server process, with no event at all; another directory still asks.
//   It also approves the other asks pending in the SAME session (a permission.replied "always" each),
//   not those pending in another session of the directory.
// - GET /permission lists every pending ask of the directory (all sessions); answering one leaves the rest.
// - Questions: any string is accepted as an answer, an option label or not (the ask carries no
//   `custom` flag). The model gets `User has answered your questions: "Q1"="A, B", "Q2"="text". You
//   can now continue with the user's answers in mind.` (labels of one question joined with ", ").
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeModel, text, tools, type ToolCall } from "../fakes/fakeModel";
import { gitInit, type RealOpencode } from "../fakes/realOpencode";
import { OpencodeClient } from "../../src/conversation/client";
import { EventRecorder, type RawEvent } from "./eventRecorder";
import { useSharedServer } from "./helpers/sharedServer";
import { waitUntil } from "./helpers/processes";

type Part = { type: string; tool?: string; state?: { status: string; error?: string; output?: string } };
const rejected = "The user rejected permission to use this specific tool call.";

describe("real opencode: replies to permission asks and questions", function () {
  this.timeout(120_000);
  const shared = useSharedServer({ permission: { edit: "ask", bash: "ask" } }, { git: true });
  let model: FakeModel, oc: RealOpencode;
  const folders = new Map<string, { client: OpencodeClient; events: EventRecorder }>();
  beforeEach(() => ({ model, oc } = shared));
  after(() => folders.forEach((f, dir) => dir !== oc.workspace && f.events.close()));

  /** The shared workspace, or a new git repository of its own (an "always" reaches a whole directory). */
  async function folder(name?: string) {
    const dir = name ? path.join(oc.scratch, name) : oc.workspace;
    if (!folders.has(dir)) {
      if (name) { fs.mkdirSync(dir); gitInit(dir); }
      folders.set(dir, { client: new OpencodeClient(async () => oc, dir), events: name ? await EventRecorder.open(oc, dir) : shared.events });
    }
    return { dir, ...folders.get(dir)! };
  }
  type Folder = Awaited<ReturnType<typeof folder>>;

  /** A new session whose turn runs `steps` (one scripted model reply each), then says "done". */
  async function turn(f: Folder, ...steps: ToolCall[][]) {
    const s = await f.client.createSession({ title: "asks" });
    model.scriptFor(s.id, ...steps.map(calls => tools(...calls)), text("done"));
    await f.client.prompt(s.id, [{ type: "text", text: "go" }]);
    return s.id;
  }
  const write = (f: Folder, file: string): ToolCall => ({ name: "write", args: { filePath: path.join(f.dir, file), content: `${file}\n` } });
  const bash = (command: string): ToolCall => ({ name: "bash", args: { command, description: "run" } });
  const asked = (f: Folder, sessionID: string, n = 0) =>
    waitUntil(() => f.events.of(sessionID, "permission.asked").length > n, 30_000, "no ask").then(() => f.events.of(sessionID, "permission.asked")[n].properties);
  const idle = (f: Folder, sessionID: string) => f.events.waitFor(e => e.type === "session.idle" && e.properties.sessionID === sessionID);
  const toolParts = async (f: Folder, sessionID: string) => (await f.client.messages(sessionID)).flatMap(m => m.parts as Part[]).filter(p => p.type === "tool");
  const modelCalls = (sessionID: string) => model.requests.filter(r => r.sessionId === sessionID && !r.isTitleRequest);
  const lastToolResult = (sessionID: string) => modelCalls(sessionID).at(-1)!.body.messages!.filter(m => m.role === "tool").at(-1)?.content;
  const written = (f: Folder, file: string) => fs.existsSync(path.join(f.dir, file)) ? fs.readFileSync(path.join(f.dir, file), "utf8") : undefined;
  const replies = (f: Folder, sessionID: string) => f.events.of(sessionID, "permission.replied").map((e: RawEvent) => e.properties.reply);

  it("once writes the file and continues the turn; the next write asks again", async () => {
    const f = await folder();
    const s = await turn(f, [write(f, "once/a.txt")], [write(f, "once/b.txt")]);
    const ask = await asked(f, s);
    assert.equal(ask.permission, "edit");
    assert.deepEqual(ask.patterns, ["once/a.txt"]);
    assert.deepEqual(ask.always, ["*"]);
    assert.equal(ask.metadata.filepath, path.join(f.dir, "once/a.txt"));
    assert.match(ask.metadata.diff, /^\+once\/a\.txt$/m);
    assert.ok(ask.tool.callID && ask.tool.messageID);
    assert.equal(written(f, "once/a.txt"), undefined, "written before the reply");
    assert.equal(await f.client.replyPermission(ask.id, "once"), "sent");

    const second = await asked(f, s, 1);
    assert.deepEqual(second.patterns, ["once/b.txt"]);
    assert.equal(written(f, "once/a.txt"), "once/a.txt\n");
    assert.equal(await f.client.replyPermission(second.id, "reject"), "sent");
    await idle(f, s);
    assert.equal(written(f, "once/b.txt"), undefined);
    assert.deepEqual((await toolParts(f, s)).map(p => p.state?.status), ["completed", "error"]);
    assert.equal(modelCalls(s).length, 2, "once: the model was called again; reject: the turn ended");
    assert.equal(lastToolResult(s), "Wrote file successfully.");
  });

  it("reject leaves the file unwritten and ends the turn", async () => {
    const f = await folder();
    const s = await turn(f, [write(f, "rejected.txt")]);
    assert.equal(await f.client.replyPermission((await asked(f, s)).id, "reject"), "sent");
    await idle(f, s);
    assert.equal(written(f, "rejected.txt"), undefined);
    const [tool] = await toolParts(f, s);
    assert.deepEqual([tool.state?.status, tool.state?.error], ["error", rejected]);
    assert.equal(modelCalls(s).length, 1);
  });

  it("reject with a message leaves the file unwritten and hands the message to the model", async () => {
    const f = await folder();
    const s = await turn(f, [write(f, "feedback.txt")]);
    assert.equal(await f.client.replyPermission((await asked(f, s)).id, "reject", "Use tabs, not spaces"), "sent");
    await idle(f, s);
    assert.equal(written(f, "feedback.txt"), undefined);
    assert.equal(modelCalls(s).length, 2);
    assert.equal(lastToolResult(s), "The user rejected permission to use this specific tool call with the following feedback: Use tabs, not spaces");
  });

  it("always approves its patterns for every session of the directory, and nothing elsewhere", async () => {
    const f = await folder("always");
    const s = await turn(f, [write(f, "first.txt")], [write(f, "deep/second.md")]);
    const ask = await asked(f, s);
    assert.deepEqual(ask.always, ["*"]);
    assert.equal(await f.client.replyPermission(ask.id, "always"), "sent");
    await idle(f, s);
    assert.equal(written(f, "first.txt"), "first.txt\n");
    assert.equal(written(f, "deep/second.md"), "deep/second.md\n", "the same session's next write");
    assert.equal(f.events.of(s, "permission.asked").length, 1);

    const other = await turn(f, [write(f, "other-session.txt")], [bash("echo one > one.txt")]);
    const bashAsk = await asked(f, other);
    assert.equal(written(f, "other-session.txt"), "other-session.txt\n", "another session of the directory");
    assert.equal(bashAsk.permission, "bash", "the edit always does not cover bash");
    assert.deepEqual(bashAsk.always, ["echo *"]);
    assert.equal(await f.client.replyPermission(bashAsk.id, "always"), "sent");
    await idle(f, other);

    const echo = await turn(f, [bash("echo two > two.txt")]);
    await idle(f, echo);
    assert.equal(written(f, "two.txt"), "two\n");
    assert.equal(f.events.of(echo, "permission.asked").length, 0);
    const ls = await asked(f, await turn(f, [bash("ls > ls.txt")]));
    assert.deepEqual(ls.patterns, ["ls > ls.txt"], "outside the always pattern");
    assert.equal(await f.client.replyPermission(ls.id, "reject"), "sent");

    const main = await folder();
    const elsewhere = await turn(main, [write(main, "not-approved.txt")]);
    assert.equal(await main.client.replyPermission((await asked(main, elsewhere)).id, "reject"), "sent");
    await idle(main, elsewhere);
    assert.equal(written(main, "not-approved.txt"), undefined, "another directory still asks");
  });

  it("two asks of one step are both pending; answering one leaves the other", async () => {
    const f = await folder();
    const s = await turn(f, [write(f, "pair/1.txt"), write(f, "pair/2.txt")]);
    await asked(f, s, 1);
    const pending = (await f.client.pendingPermissions()).filter(p => p.sessionID === s);
    assert.deepEqual(pending.map(p => p.patterns[0]).sort(), ["pair/1.txt", "pair/2.txt"]);
    const [first, second] = pending;
    assert.equal(await f.client.replyPermission(first.id, "once"), "sent");
    await waitUntil(() => written(f, first.patterns[0]) !== undefined, 20_000, "the approved file was not written");
    assert.deepEqual((await f.client.pendingPermissions()).filter(p => p.sessionID === s).map(p => p.id), [second.id]);
    assert.equal(written(f, second.patterns[0]), undefined);
    assert.equal(await f.client.replyPermission(second.id, "once"), "sent");
    await idle(f, s);
    assert.equal(written(f, second.patterns[0]), `${second.patterns[0]}\n`);
    assert.equal(modelCalls(s).length, 2);
  });

  it("reject of one of two pending asks of a session rejects both; always approves both", async () => {
    for (const reply of ["reject", "always"] as const) {
      const f = await folder(reply === "always" ? "pair-always" : undefined);   // an always approves its whole directory
      const s = await turn(f, [write(f, `${reply}/1.txt`), write(f, `${reply}/2.txt`)]);
      await asked(f, s, 1);
      const ofSession = async () => (await f.client.pendingPermissions()).filter(p => p.sessionID === s);
      const [first] = await ofSession();
      assert.equal(await f.client.replyPermission(first.id, reply), "sent");
      await idle(f, s);
      assert.deepEqual(await ofSession(), []);
      assert.deepEqual(replies(f, s), [reply, reply]);
      const files = [written(f, `${reply}/1.txt`), written(f, `${reply}/2.txt`)];
      assert.deepEqual(files, reply === "reject" ? [undefined, undefined] : ["always/1.txt\n", "always/2.txt\n"]);
    }
  });

  it("asks of two sessions are both listed; always in one leaves the other's pending ask", async () => {
    const f = await folder("two-sessions");
    const [a, b] = [await turn(f, [write(f, "a.txt")]), await turn(f, [write(f, "b.txt")])];
    const [askA, askB] = [await asked(f, a), await asked(f, b)];
    assert.deepEqual((await f.client.pendingPermissions()).map(p => p.id).sort(), [askA.id, askB.id].sort());
    assert.equal(await f.client.replyPermission(askA.id, "always"), "sent");
    await idle(f, a);
    assert.equal(written(f, "a.txt"), "a.txt\n");
    assert.deepEqual((await f.client.pendingPermissions()).map(p => p.id), [askB.id]);
    assert.equal(written(f, "b.txt"), undefined);
    assert.equal(await f.client.replyPermission(askB.id, "reject"), "sent");
    await idle(f, b);
  });

  it("a question answered with an option label, with several labels and with free text: the model gets the answers", async () => {
    const f = await folder();
    const question = (q: string, multiple?: boolean) => ({ question: q, header: q.slice(0, 10), multiple,
      options: [{ label: "Blue", description: "calm" }, { label: "Red", description: "loud" }] });
    const s = await turn(f, [{ name: "question", args: { questions: [question("Which colour?"), question("Which accents?", true), question("Which name?")] } }]);
    await waitUntil(() => f.events.of(s, "question.asked").length > 0, 30_000, "no question");
    const ask = (await f.client.pendingQuestions()).find(q => q.sessionID === s)!;
    assert.deepEqual(ask.questions.map(q => [q.question, q.options.map(o => o.label), q.custom]), [
      ["Which colour?", ["Blue", "Red"], undefined], ["Which accents?", ["Blue", "Red"], undefined], ["Which name?", ["Blue", "Red"], undefined]]);
    assert.equal(await f.client.replyQuestion(ask.id, [["Blue"], ["Blue", "Red"], ["Teal, please"]]), "sent");
    await idle(f, s);
    assert.equal(lastToolResult(s), 'User has answered your questions: "Which colour?"="Blue", "Which accents?"="Blue, Red", '
      + '"Which name?"="Teal, please". You can now continue with the user\'s answers in mind.');
    assert.equal((await toolParts(f, s))[0].state?.status, "completed");
  });
});
