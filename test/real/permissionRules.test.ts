// Which rule of a permission pattern map applies, in real opencode 1.18.33, for config given the way
// the extension gives it (OPENCODE_CONFIG_CONTENT). Findings:
// - The LAST key of the map that matches wins; neither the most specific nor the first one.
//   `{ "*": "ask", "src/*.ts": "allow" }` writes src/a.ts unasked; `{ "src/*.ts": "allow", "*": "ask" }` asks.
//   `{ "*.md": "deny", "docs/*": "allow" }` writes docs/y.md; `{ "docs/*": "allow", "*.md": "deny" }` denies it.
// - `*` matches across "/": "src/*.ts" matches src/deep/b.ts, "*.md" matches docs/y.md.
// - A map without "*" leaves unmatched files to the build agent's default, `"*": "allow"`: no ask.
// - bash maps follow the same rule: `{ "*": "ask", "echo *": "allow" }` runs echo unasked, the
//   reverse order asks. So withGrants (src/server/opencodeConfig.ts) puts grants last.
// - deny: no permission.asked; the tool part errors "The user has specified a rule which prevents you
//   from using this specific tool call. Here are some of the relevant rules [...]" listing the agent's
//   `{"permission":"*","action":"allow","pattern":"*"}` then the config's keys in order; the model IS
//   called again with that error (unlike a plain reject, which ends the turn).
// - Edit patterns are paths relative to the git repository root. In a folder outside any repository
//   they are relative to "/" ("tmp/…/src/a.ts"), so a folder-relative rule like "src/*.ts" never
//   matches there: the write asks.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeModel, text, tools, type ToolCall } from "../fakes/fakeModel";
import { startRealOpencode, type RealOpencode } from "../fakes/realOpencode";
import { callJson } from "../../src/protocol/http";
import { buildOpencodeConfig } from "../../src/server/opencodeConfig";
import { EventRecorder } from "./eventRecorder";

type Server = { oc: RealOpencode; events: Map<string, EventRecorder> };
type Part = { type: string; state?: { status: string; error?: string } };
type Outcome = { asked?: { patterns: string[]; always: string[] }; status?: string; error?: string; written: boolean; modelCalls: number };

const starFirst = { edit: { "*": "ask", "src/*.ts": "allow", "*.md": "deny", "docs/*": "allow" }, bash: { "echo *": "allow", "*": "ask" } };
const starLast = { edit: { "docs/*": "allow", "*.md": "deny", "src/*.ts": "allow", "*": "ask" }, bash: { "*": "ask", "echo *": "allow" } };
const denyLast = { edit: { "docs/*": "allow", "*.md": "deny" } };
const deniedText = /^The user has specified a rule which prevents you from using this specific tool call\. Here are some of the relevant rules /;

describe("real opencode: which key of a permission pattern map wins", function () {
  this.timeout(120_000);
  let model: FakeModel;
  const servers = {} as Record<"starFirst" | "starLast" | "denyLast", Server>;

  before(async () => {
    model = await FakeModel.start();
    // The last server also gets a bash grant through the extension's own config builder: the user's
    // map has the granted key first, where an in-place update would lose to their "*": ask.
    const built = buildOpencodeConfig({ permissions: { ...denyLast, bash: { "echo *": "ask", "*": "ask" } } }, [{ permission: "bash", patterns: ["echo *"] }]);
    assert.deepEqual(built.errors, []);
    const configs = { starFirst: { permission: starFirst }, starLast: { permission: starLast }, denyLast: built.config };
    await Promise.all(Object.entries(configs).map(async ([name, config]) => {
      const oc = await startRealOpencode(model, { config, git: true });
      servers[name as keyof typeof servers] = { oc, events: new Map([[oc.workspace, await EventRecorder.open(oc, oc.workspace)]]) };
    }));
  });
  after(async () => {
    for (const s of Object.values(servers)) { s.events.forEach(e => e.close()); await s.oc.stop(); }
    await model?.close();
  });

  /** Runs one tool call in a new session; a permission ask is rejected and recorded. */
  async function attempt(srv: Server, call: ToolCall, writes: string, dir = srv.oc.workspace): Promise<Outcome> {
    const events = srv.events.get(dir)!;
    const s = await callJson<{ id: string }>(srv.oc, "/session", { directory: dir, body: { title: "rule" } });
    model.scriptFor(s.id, tools(call), text("done"));
    await callJson(srv.oc, `/session/${s.id}/prompt_async`, { directory: dir, body: { parts: [{ type: "text", text: "go" }] } });
    const first = await events.waitFor(e => (e.type === "permission.asked" || e.type === "session.idle") && e.properties.sessionID === s.id);
    let asked: Outcome["asked"];
    if (first.type === "permission.asked") {
      asked = { patterns: first.properties.patterns, always: first.properties.always };
      await callJson(srv.oc, `/permission/${first.properties.id}/reply`, { directory: dir, body: { reply: "reject" } });
      await events.waitFor(e => e.type === "session.idle" && e.properties.sessionID === s.id);
    }
    const messages = await callJson<{ parts: Part[] }[]>(srv.oc, `/session/${s.id}/message`, { directory: dir });
    const tool = messages.flatMap(m => m.parts).find(p => p.type === "tool");
    return { asked, status: tool?.state?.status, error: tool?.state?.error, written: fs.existsSync(path.join(dir, writes)),
      modelCalls: model.requests.filter(r => r.sessionId === s.id && !r.isTitleRequest).length };
  }
  const write = (srv: Server, file: string, dir = srv.oc.workspace) =>
    attempt(srv, { name: "write", args: { filePath: path.join(dir, file), content: `${file}\n` } }, file, dir);
  const bash = (srv: Server, command: string, writes: string) => attempt(srv, { name: "bash", args: { command, description: "run" } }, writes);
  const ran = (o: Outcome) => o.asked === undefined && o.status === "completed" && o.written;
  const asked = (o: Outcome, pattern: string) => o.asked?.patterns.join() === pattern && o.status === "error" && !o.written;
  const denied = (o: Outcome) => o.asked === undefined && o.status === "error" && deniedText.test(o.error ?? "") && !o.written;

  it('"*": ask first, then narrower keys: each narrower key wins for its files, "*" crosses "/"', async () => {
    const srv = servers.starFirst;
    const [a, deep, other, md, docsMd, docsTxt] = await Promise.all(["src/a.ts", "src/deep/b.ts", "other.txt", "x.md", "docs/y.md", "docs/z.txt"].map(f => write(srv, f)));
    assert.ok(ran(a), JSON.stringify(a));
    assert.ok(ran(deep), `"src/*.ts" matches src/deep/b.ts: ${JSON.stringify(deep)}`);
    assert.ok(asked(other, "other.txt"), JSON.stringify(other));
    assert.deepEqual(other.asked?.always, ["*"], "an edit's always is everything, not the file");
    assert.ok(denied(md), JSON.stringify(md));
    assert.ok(ran(docsMd), `"docs/*": allow after "*.md": deny wins: ${JSON.stringify(docsMd)}`);
    assert.ok(ran(docsTxt), JSON.stringify(docsTxt));
    // The deny error lists the agent default, then the config's keys in the order given; the model hears it.
    const rules = JSON.parse(md.error!.replace(deniedText, ""));
    assert.deepEqual(rules[0], { permission: "*", action: "allow", pattern: "*" });
    assert.deepEqual(rules.slice(1).map((r: { pattern: string }) => r.pattern), Object.keys(starFirst.edit));
    assert.equal(md.modelCalls, 2, "a denied call goes back to the model");
    assert.equal(other.modelCalls, 1, "a rejected ask ends the turn");
  });

  it('"*": ask last: it wins over every narrower key, even allow and deny', async () => {
    const srv = servers.starLast;
    const outcomes = await Promise.all(["src/a.ts", "src/deep/b.ts", "x.md", "docs/y.md"].map(f => write(srv, f)));
    outcomes.forEach((o, i) => assert.ok(asked(o, ["src/a.ts", "src/deep/b.ts", "x.md", "docs/y.md"][i]), JSON.stringify(o)));
  });

  it('overlapping keys without "*": the later one wins, and unmatched files are written unasked', async () => {
    const srv = servers.denyLast;
    const [docsMd, docsTxt, other] = await Promise.all(["docs/y.md", "docs/z.txt", "other.txt"].map(f => write(srv, f)));
    assert.ok(denied(docsMd), `"*.md": deny after "docs/*": allow wins: ${JSON.stringify(docsMd)}`);
    assert.ok(ran(docsTxt), JSON.stringify(docsTxt));
    assert.ok(ran(other), `no key matches: the agent's "*": allow applies: ${JSON.stringify(other)}`);
  });

  it("bash maps follow the same rule; a grant from withGrants wins over the user's own keys", async () => {
    const [echoFirst, lsFirst, echoLast, lsLast, echoGranted, lsGranted] = await Promise.all([
      bash(servers.starFirst, "echo hi > e.txt", "e.txt"), bash(servers.starFirst, "ls > l.txt", "l.txt"),
      bash(servers.starLast, "echo hi > e.txt", "e.txt"), bash(servers.starLast, "ls > l.txt", "l.txt"),
      bash(servers.denyLast, "echo hi > e.txt", "e.txt"), bash(servers.denyLast, "ls > l.txt", "l.txt"),
    ]);
    assert.ok(asked(echoFirst, "echo hi > e.txt"), `"echo *": allow before "*": ask loses: ${JSON.stringify(echoFirst)}`);
    assert.deepEqual(echoFirst.asked?.always, ["echo *"]);
    assert.ok(asked(lsFirst, "ls > l.txt"), JSON.stringify(lsFirst));
    assert.ok(ran(echoLast), JSON.stringify(echoLast));
    assert.ok(asked(lsLast, "ls > l.txt"), JSON.stringify(lsLast));
    assert.ok(ran(echoGranted), `the re-injected grant: ${JSON.stringify(echoGranted)}`);
    assert.ok(asked(lsGranted, "ls > l.txt"), JSON.stringify(lsGranted));
  });

  it("outside a git repository patterns are relative to /, so a folder-relative allow never matches", async () => {
    const srv = servers.starFirst;
    const plain = path.join(srv.oc.scratch, "plain");
    fs.mkdirSync(plain);
    srv.events.set(plain, await EventRecorder.open(srv.oc, plain));
    const o = await write(srv, "src/a.ts", plain);
    assert.ok(asked(o, path.relative("/", path.join(plain, "src/a.ts"))), JSON.stringify(o));
  });
});
