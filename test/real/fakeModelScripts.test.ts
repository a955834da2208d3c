// Every kind of reply the fake model can script, exercised through real opencode, so later tests can
// trust that a scripted reasoning step, tool call or fault reaches opencode the way a provider's would.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeModel, text, tools, type Reply } from "../fakes/fakeModel";
import type { RealOpencode } from "../fakes/realOpencode";
import { callJson } from "../../src/protocol/http";
import type { EventRecorder } from "./eventRecorder";
import { useSharedServer } from "./helpers/sharedServer";

type Session = { id: string };

describe("real opencode: every scripted reply kind of the fake model", function () {
  this.timeout(90_000);
  const shared = useSharedServer({ permission: { edit: "allow", bash: "ask" } });
  let model: FakeModel, oc: RealOpencode, events: EventRecorder;
  beforeEach(() => ({ model, oc, events } = shared));

  const start = async (prompt: string): Promise<Session> => {
    const s = await callJson<Session>(oc, "/session", { directory: oc.workspace, body: { title: prompt } });
    await callJson(oc, `/session/${s.id}/prompt_async`, { directory: oc.workspace, body: { parts: [{ type: "text", text: prompt }] } });
    return s;
  };
  const idle = (s: Session) => events.waitFor(e => e.type === "session.idle" && e.properties.sessionID === s.id);
  const parts = (s: Session) => events.of(s.id, "message.part.updated").map(e => e.properties.part);

  it("reasoning deltas become a reasoning part, separate from the text part", async () => {
    model.script({ kind: "text", reasoning: ["Think", "ing hard"], chunks: ["Answer."] });
    const s = await start("reason");
    await idle(s);
    const final = parts(s).filter(p => p.type === "reasoning").at(-1);
    assert.equal(final?.text, "Thinking hard");
    assert.equal(parts(s).filter(p => p.type === "text").at(-1)?.text, "Answer.");
  });

  it("edit and read tool calls run against the workspace", async () => {
    fs.writeFileSync(path.join(oc.workspace, "notes.txt"), "alpha\nbeta\n");
    model.script(
      tools({ name: "read", args: { filePath: path.join(oc.workspace, "notes.txt") } }),
      tools({ name: "edit", args: { filePath: path.join(oc.workspace, "notes.txt"), oldString: "beta", newString: "gamma" } }),
      text("Edited."));
    const s = await start("edit notes");
    await idle(s);
    assert.equal(fs.readFileSync(path.join(oc.workspace, "notes.txt"), "utf8"), "alpha\ngamma\n");
    const toolNames = parts(s).filter(p => p.type === "tool" && p.state.status === "completed").map(p => p.tool);
    assert.deepEqual(toolNames, ["read", "edit"]);
  });

  it("a bash call asks permission (rule: ask); once runs it", async () => {
    model.script(tools({ name: "bash", args: { command: "echo from-bash > bash.txt", description: "write a file" } }), text("Ran it."));
    const s = await start("run bash");
    const ask = await events.waitFor(e => e.type === "permission.asked" && e.properties.sessionID === s.id);
    assert.equal(ask.properties.permission, "bash");
    await callJson(oc, `/permission/${ask.properties.id}/reply`, { directory: oc.workspace, body: { reply: "once" } });
    await idle(s);
    assert.equal(fs.readFileSync(path.join(oc.workspace, "bash.txt"), "utf8"), "from-bash\n");
  });

  it("a question call asks the user; the answer reaches the model", async () => {
    model.script(tools({ name: "question", args: { questions: [{ question: "Which colour?", header: "Colour", options: [{ label: "Blue", description: "b" }, { label: "Red", description: "r" }] }] } }), text("Blue it is."));
    const s = await start("ask me");
    const q = await events.waitFor(e => e.type === "question.asked" && e.properties.sessionID === s.id);
    assert.equal(q.properties.questions[0].question, "Which colour?");
    await callJson(oc, `/question/${q.properties.id}/reply`, { directory: oc.workspace, body: { answers: [["Blue"]] } });
    await idle(s);
    const toolResult = model.requests.at(-1)!.body.messages!.find(m => m.role === "tool");
    assert.match(JSON.stringify(toolResult), /Blue/);
  });

  it("a todowrite call publishes the todo list", async () => {
    model.script(tools({ name: "todowrite", args: { todos: [{ content: "write tests", status: "in_progress", priority: "high" }] } }), text("Planned."));
    const s = await start("plan");
    const todo = await events.waitFor(e => e.type === "todo.updated" && e.properties.sessionID === s.id);
    assert.deepEqual(todo.properties.todos.map((t: { content: string }) => t.content), ["write tests"]);
    await idle(s);
  });

  it("malformed stream data fails the turn with UnknownError, without retries", async () => {
    model.script({ kind: "malformed" });
    const s = await start("garbage");
    const err = await events.waitFor(e => e.type === "session.error" && e.properties.sessionID === s.id);
    assert.equal(err.properties.error.name, "UnknownError");
    assert.match(err.properties.error.data.message, /JSON/);
  });

  it("HTTP 500 and a dropped stream put the session into retry; abort ends it", async () => {
    const faults: Reply[] = [{ kind: "http-error", status: 500 }, { kind: "drop", afterChunks: ["par"] }];
    for (const fault of faults) {
      model.handle(() => fault);
      const s = await start(`fault ${fault.kind}`);
      const retry = await events.waitFor(e => e.type === "session.status" && e.properties.sessionID === s.id && e.properties.status.type === "retry");
      assert.equal(retry.properties.status.attempt, 1);
      await callJson(oc, `/session/${s.id}/abort`, { directory: oc.workspace, body: {} });
      await idle(s);
    }
  });

  it("a slow stream arrives chunk by chunk", async () => {
    model.script({ kind: "text", chunks: ["one ", "two ", "three"], delayMs: 150 });
    const s = await start("slow");
    await idle(s);
    const deltas = events.of(s.id, "message.part.delta");
    assert.equal(deltas.map(e => e.properties.delta).join(""), "one two three");
    assert.ok(deltas.length >= 3, `expected one delta per chunk, got ${deltas.length}`);
  });
});
