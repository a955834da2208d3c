// A real `opencode serve` completes real turns against the fake model: the foundation every later
// real-opencode test builds on. One server for the file, one session per test.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeModel, text, tools, type Usage } from "../fakes/fakeModel";
import { fakeModelCost, type RealOpencode } from "../fakes/realOpencode";
import { callJson } from "../../src/protocol/http";
import type { EventRecorder } from "./eventRecorder";
import { useSharedServer } from "./helpers/sharedServer";

type Session = { id: string; directory: string };
type Part = { type: string; text?: string; tool?: string; state?: { status: string }; tokens?: Tokens; cost?: number };
type Tokens = { input: number; output: number; reasoning: number; cache: { read: number; write: number } };
type Message = { info: { role: string; cost?: number; tokens?: Tokens }; parts: Part[] };

/** What opencode 1.18 makes of the usage a provider reports: input without the cached tokens, output
 * without the reasoning ones; cost = tokens x the model's per-million prices. */
function expectedStep(u: Usage): { tokens: Tokens; cost: number } {
  const tokens = { input: u.prompt - u.cached, output: u.completion - u.reasoning, reasoning: u.reasoning, cache: { read: u.cached, write: 0 } };
  const cost = (tokens.input * fakeModelCost.input + (tokens.output + tokens.reasoning) * fakeModelCost.output + tokens.cache.read * fakeModelCost.cache_read) / 1e6;
  return { tokens, cost };
}

describe("real opencode: conversation turns against the fake model", function () {
  this.timeout(90_000);
  const shared = useSharedServer({ permission: { edit: "allow", bash: "ask" } });
  let model: FakeModel, oc: RealOpencode, events: EventRecorder;
  beforeEach(() => ({ model, oc, events } = shared));
  before(() => console.log(`      opencode ${shared.oc.version} at ${shared.oc.baseUrl}`));

  const newSession = (title: string) => callJson<Session>(oc, "/session", { directory: oc.workspace, body: { title } });
  const prompt = (s: Session, t: string) =>
    callJson(oc, `/session/${s.id}/prompt_async`, { directory: oc.workspace, body: { parts: [{ type: "text", text: t }] } });
  const messages = (s: Session) => callJson<Message[]>(oc, `/session/${s.id}/message`, { directory: oc.workspace });

  it("streams a text reply as deltas and stores it, with exact token counts and cost", async () => {
    model.script(text("Hello", " from", " the fake ✓ model"));
    const s = await newSession("text turn");
    await prompt(s, "say hello");
    await events.waitFor(e => e.type === "session.idle" && e.properties.sessionID === s.id);

    const deltas = events.of(s.id, "message.part.delta").map(e => e.properties.delta).join("");
    assert.equal(deltas, "Hello from the fake ✓ model");
    const [user, assistant] = await messages(s);
    assert.equal(user.info.role, "user");
    assert.equal(assistant.parts.find(p => p.type === "text")?.text, "Hello from the fake ✓ model");

    const sent = model.requests.filter(r => !r.isTitleRequest);
    assert.equal(sent.length, 1);
    const finish = assistant.parts.find(p => p.type === "step-finish")!;
    const { tokens, cost } = expectedStep(sent[0].usage!);
    assert.deepEqual({ ...finish.tokens, total: undefined }, { ...tokens, total: undefined });
    assert.ok(Math.abs(finish.cost! - cost) < 1e-12, `cost ${finish.cost} vs ${cost}`);
    assert.ok(Math.abs(assistant.info.cost! - cost) < 1e-12);

    // What opencode sent the model: the user's text, as the last user message.
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
    const sent = model.requests.filter(r => !r.isTitleRequest);
    assert.ok(sent[1].body.messages?.some(m => m.role === "tool"), "the tool result went back to the model");

    // Two steps with different usage: the step-finish parts and the session total add up exactly.
    const steps = all.flatMap(m => m.parts).filter(p => p.type === "step-finish");
    assert.equal(steps.length, 2);
    const expected = sent.map(r => expectedStep(r.usage!));
    steps.forEach((p, i) => assert.deepEqual({ ...p.tokens, total: undefined }, { ...expected[i].tokens, total: undefined }));
    const session = await callJson<{ cost: number }>(oc, `/session/${s.id}`, { directory: oc.workspace });
    const total = expected.reduce((sum, e) => sum + e.cost, 0);
    assert.ok(Math.abs(session.cost - total) < 1e-12, `session cost ${session.cost} vs ${total}`);
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
