// A real `opencode serve` completes real turns against the fake model: the foundation every later
// real-opencode test builds on. One server for the file, one session per test.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeModel, text, tools } from "../fakes/fakeModel";
import { startRealOpencode, fakeModelCost, type RealOpencode } from "../fakes/realOpencode";
import { callJson } from "../../src/server/http";
import { EventRecorder } from "./eventRecorder";

type Session = { id: string; directory: string };
type Part = { type: string; text?: string; tool?: string; state?: { status: string }; tokens?: Tokens; cost?: number };
type Tokens = { input: number; output: number; reasoning: number; cache: { read: number; write: number } };
type Message = { info: { role: string; cost?: number; tokens?: Tokens }; parts: Part[] };

describe("real opencode: conversation turns against the fake model", function () {
  this.timeout(90_000);
  let model: FakeModel;
  let oc: RealOpencode;
  let events: EventRecorder;

  before(async () => {
    model = await FakeModel.start();
    oc = await startRealOpencode(model, { config: { permission: { edit: "allow", bash: "ask" } } });
    events = await EventRecorder.open(oc, oc.workspace);
    console.log(`      opencode ${oc.version} at ${oc.baseUrl}`);
  });
  after(async () => {
    events?.close();
    await oc?.stop();
    await model?.close();
  });
  beforeEach(() => model.reset());

  const newSession = (title: string) => callJson<Session>(oc, "/session", { directory: oc.workspace, body: { title } });
  const prompt = (s: Session, t: string) =>
    callJson(oc, `/session/${s.id}/prompt_async`, { directory: oc.workspace, body: { parts: [{ type: "text", text: t }] } });
  const messages = (s: Session) => callJson<Message[]>(oc, `/session/${s.id}/message`, { directory: oc.workspace });

  it("streams a text reply as deltas and stores it, with exact token counts and cost", async () => {
    model.script(text("Hello", " from", " the fake ✓ model"));
    model.usage = { prompt: 120, completion: 7, cached: 30, reasoning: 3 };
    const s = await newSession("text turn");
    await prompt(s, "say hello");
    await events.waitFor(e => e.type === "session.idle" && e.properties.sessionID === s.id);

    const deltas = events.of(s.id, "message.part.delta").map(e => e.properties.delta).join("");
    assert.equal(deltas, "Hello from the fake ✓ model");
    const [user, assistant] = await messages(s);
    assert.equal(user.info.role, "user");
    assert.equal(assistant.parts.find(p => p.type === "text")?.text, "Hello from the fake ✓ model");

    // opencode reports input without the cached tokens, and output without the reasoning ones.
    const finish = assistant.parts.find(p => p.type === "step-finish")!;
    assert.deepEqual(finish.tokens && { ...finish.tokens, total: undefined }, { total: undefined, input: 90, output: 4, reasoning: 3, cache: { read: 30, write: 0 } });
    const expectedCost = (90 * fakeModelCost.input + (4 + 3) * fakeModelCost.output + 30 * fakeModelCost.cache_read) / 1e6;
    assert.ok(Math.abs(finish.cost! - expectedCost) < 1e-12, `cost ${finish.cost} vs ${expectedCost}`);
    assert.ok(Math.abs(assistant.info.cost! - expectedCost) < 1e-12);

    // What opencode sent the model: the user's text, as the last user message.
    const sent = model.requests.filter(r => !r.isTitleRequest);
    assert.equal(sent.length, 1);
    assert.match(JSON.stringify(sent[0].body.messages?.at(-1)), /say hello/);
  });

  it("runs a tool call (write, allowed by rule), feeds the result back and finishes the turn", async () => {
    model.script(tools({ name: "write", args: { filePath: path.join(oc.workspace, "hello.txt"), content: "written by the agent\n" } }), text("Done."));
    const s = await newSession("tool turn");
    await prompt(s, "write a file");
    await events.waitFor(e => e.type === "session.idle" && e.properties.sessionID === s.id);

    assert.equal(fs.readFileSync(path.join(oc.workspace, "hello.txt"), "utf8"), "written by the agent\n");
    const all = await messages(s);
    const tool = all.flatMap(m => m.parts).find(p => p.type === "tool");
    assert.equal(tool?.tool, "write");
    assert.equal(tool?.state?.status, "completed");
    assert.equal(all.at(-1)?.parts.find(p => p.type === "text")?.text, "Done.");
    const followUp = model.requests.filter(r => !r.isTitleRequest)[1];
    assert.ok(followUp.body.messages?.some(m => m.role === "tool"), "the tool result went back to the model");
  });

  it("surfaces a provider 401 as a session.error without retrying", async () => {
    model.script({ kind: "http-error", status: 401, body: { error: { message: "bad key", type: "auth" } } });
    const s = await newSession("error turn");
    await prompt(s, "fail please");
    const err = await events.waitFor(e => e.type === "session.error" && e.properties.sessionID === s.id);
    assert.equal(err.properties.error.name, "APIError");
    assert.equal(err.properties.error.data.statusCode, 401);
    assert.equal(model.requests.filter(r => !r.isTitleRequest).length, 1);
  });
});
