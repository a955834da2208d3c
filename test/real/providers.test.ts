// Connecting and disconnecting a provider against real opencode 1.18.33, through the flow the
// "Manage Providers…" command runs (its pickers scripted). The fake provider has no key of its own
// and the fake model answers 401 to any request without the test's key, so the model's requests
// show which credential opencode really used. Facts this relies on, seen on 1.18.33:
// - after `PUT /auth/{id}` the running instance keeps the old credentials until
//   `POST /instance/dispose`; the dispose ends the folder's event stream (the extension reconnects);
// - `GET /provider` lists a provider defined in config as connected, key or not, and returns a
//   stored key in plain text as `key`.
import * as assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { FakeModel, text } from "../fakes/fakeModel";
import { startRealOpencode, type RealOpencode } from "../fakes/realOpencode";
import { callJson } from "../../src/protocol/http";
import { OpencodeApi } from "../../src/protocol/api";
import { FolderSession } from "../../src/conversation/folderSession";
import { findSession } from "../../src/protocol/state";
import { manageProviders, type ProviderAction, type ProviderUi } from "../../src/providers/engine/providerFlow";
import { applyCredentials, type BusyChoice } from "../../src/providers/engine/applyCredentials";
import type { ProviderRow } from "../../src/providers/engine/providerRows";
import { readModelLine } from "../../src/models/engine/modelLine";
import { waitUntil } from "./helpers/processes";

/** A scripted user: picks `provider`, then the action `choose` returns; every question it saw is kept. */
function scriptedUi(provider: string, choose: (actions: ProviderAction[]) => ProviderAction | undefined, answers: { secret?: string; confirm?: boolean } = {}) {
  const seen: { rows?: ProviderRow[]; questions: string[]; infos: string[] } = { questions: [], infos: [] };
  const ui: ProviderUi = {
    pickProvider: async rows => { seen.rows = rows; return rows.find(r => r.id === provider); },
    pickAction: async (row, actions) => { seen.questions.push(row.state); return choose(actions); },
    askSecret: async (title, prompt) => { seen.questions.push(title, prompt); return answers.secret; },
    askText: async (title, prompt) => { seen.questions.push(title, prompt); return undefined; },
    pickOption: async title => { seen.questions.push(title); return undefined; },
    confirm: async message => { seen.questions.push(message); return answers.confirm ?? false; },
    info: message => void seen.infos.push(message),
    waitCancellable: (title, work) => { seen.questions.push(title); return work(new AbortController().signal); },
  };
  return { ui, seen };
}

const apiKeyAction = (actions: ProviderAction[]) => actions.find(a => a.kind === "connect" && a.method.type === "api");

describe("real opencode: connecting and disconnecting a provider", function () {
  this.timeout(120_000);
  const key = `sk-test-${randomUUID()}`;
  const logLines: string[] = [];
  const log = (line: string) => void logLines.push(line);
  let model: FakeModel, oc: RealOpencode, fsn: FolderSession, api: OpencodeApi;

  /** The flow as the command runs it, for this one folder, with the UI scripted. */
  const run = (ui: ProviderUi, askWhenBusy: (directory: string, busy: number) => Promise<BusyChoice> = async () => "afterTurn") => manageProviders({
    api, ui, openExternal: async () => assert.fail("an API key opens no browser"),
    applyCredentials: async () => { await applyCredentials([api], { askWhenBusy, pollMs: 100 }); },
  });

  /** Sends a prompt in a new session and waits for its turn to end; the session's state after it. */
  async function turn(prompt: string) {
    const s = await fsn.client.createSession({ title: prompt });
    const sent = model.requests.length;
    await fsn.send(s.id, prompt, [{ type: "text", text: prompt }]);
    await waitUntil(() => model.requests.length > sent && findSession(fsn.state, s.id)?.status.type === "idle"
      && (findSession(fsn.state, s.id)?.lastError !== undefined || !!findSession(fsn.state, s.id)?.messages.some(m => m.info.role === "assistant" && "completed" in (m.info.time ?? {}))), 60_000, `the turn of "${prompt}" never ended`);
    const requests = model.requests.slice(sent).filter(r => !r.isTitleRequest);
    return { session: findSession(fsn.state, s.id)!, requests };
  }

  before(async () => {
    model = await FakeModel.start();
    model.requiredKey = key;
    oc = await startRealOpencode(model, { keyless: true, log });
    fsn = new FolderSession(async () => oc, oc.workspace, { debug: log, info: log, warn: log });
    api = new OpencodeApi(async () => oc, oc.workspace);
    await fsn.stream.whenConnected();
  });
  after(async () => { fsn?.dispose(); await oc?.stop(); await model?.close(); });

  it("without a key the provider is 'not connected' (opencode lists it as connected) and a prompt fails with the 401", async () => {
    const raw = await callJson<{ connected: string[] }>(oc, "/provider", { directory: oc.workspace });
    assert.ok(raw.connected.includes("fake"), "opencode lists a config provider as connected without a key");
    const { ui, seen } = scriptedUi("fake", () => undefined);
    assert.equal(await run(ui), "cancelled");
    const row = seen.rows!.find(r => r.id === "fake")!;
    assert.deepEqual([row.credential, row.state], ["none", "not connected"]);
    // The chat says so before the first prompt, naming the provider to connect.
    const before = await readModelLine(api, undefined, undefined, undefined);
    assert.deepEqual([before.line.model?.name, before.line.problem?.kind, before.ownProvider], ["Fake Model", "noKey", false]);
    assert.match(before.line.problem!.message, /Fake LLM has no key yet, so Fake Model cannot answer: connect Fake LLM/);
    const { session, requests } = await turn("hello without a key");
    assert.equal(session.lastError?.data?.statusCode, 401, JSON.stringify(session.lastError));
    assert.ok(requests.every(r => r.authorization !== `Bearer ${key}`));
  });

  it("connecting with an API key: the provider shows the key set and the next prompt carries it and gets the answer", async () => {
    const { ui, seen } = scriptedUi("fake", apiKeyAction, { secret: key });
    assert.equal(await run(ui), "connected");
    assert.deepEqual(seen.infos, ["opencode: Fake LLM is connected."]);
    const fake = (await api.providerCatalog()).all.find(p => p.id === "fake")!;
    assert.deepEqual([fake.hasKey, fake.source], [true, "config"]);
    const after = await readModelLine(api, undefined, undefined, undefined);
    assert.deepEqual([after.line.model?.name, after.line.problem, after.ownProvider], ["Fake Model", undefined, true], "the model line still warns after connecting");
    // The dispose ended the folder's event stream: it must be connected again for the turn's events.
    await waitUntil(() => fsn.connection.kind === "connected", 30_000, "the event stream did not come back after the dispose");
    model.script(text("Connected ", "✓"));
    const { session, requests } = await turn("hello with the key");
    assert.equal(session.lastError, undefined, JSON.stringify(session.lastError));
    assert.ok(requests.length > 0 && requests.every(r => r.authorization === `Bearer ${key}`), requests.map(r => r.authorization).join());
    const reply = session.messages.filter(m => m.info.role === "assistant").flatMap(m => m.parts).map(p => (p.type === "text" ? p.text : "")).join("");
    assert.ok(reply.includes("Connected ✓"), reply);
  });

  it("no key in what the product decodes, logs or hands the webview, though opencode's /provider returns it", async () => {
    const raw = JSON.stringify(await callJson(oc, "/provider", { directory: oc.workspace }));
    assert.ok(raw.includes(key), "opencode returns the stored key (else this check proves nothing)");
    const { ui, seen } = scriptedUi("fake", () => undefined);
    await run(ui);
    for (const [what, value] of Object.entries({
      "the decoded catalogue": await api.providerCatalog(), "the picker's rows and questions": seen,
      "the webview's snapshot": fsn.snapshot(), "the log lines (supervisor and folder session)": logLines,
    })) assert.ok(!JSON.stringify(value).includes(key), `the key is in ${what}`);
  });

  it("a wrong key: the 401's error reaches the state, the wrong key does not", async () => {
    const wrong = `sk-wrong-${randomUUID()}`;
    assert.equal(await run(scriptedUi("fake", apiKeyAction, { secret: wrong }).ui), "connected");
    await waitUntil(() => fsn.connection.kind === "connected", 30_000, "the event stream did not come back after the dispose");
    const { session, requests } = await turn("hello with a wrong key");
    assert.equal(session.lastError?.data?.statusCode, 401);
    assert.ok(requests.some(r => r.authorization === `Bearer ${wrong}`), "opencode used the wrong key");
    assert.ok(!JSON.stringify(fsn.snapshot()).includes(wrong), "the wrong key is in the webview's snapshot");
    assert.ok(!JSON.stringify(logLines).includes(wrong), "the wrong key is in a log line");
    assert.equal(await run(scriptedUi("fake", apiKeyAction, { secret: key }).ui), "connected");
  });

  it("disconnecting asks first, removes the key, and the next prompt fails again", async () => {
    const declined = scriptedUi("fake", actions => actions.find(a => a.kind === "disconnect"), { confirm: false });
    assert.equal(await run(declined.ui), "cancelled");
    assert.equal(declined.seen.rows!.find(r => r.id === "fake")!.state, "connected · API key");
    assert.equal((await api.providerCatalog()).all.find(p => p.id === "fake")!.hasKey, true, "a declined confirmation removed the key");
    const { ui, seen } = scriptedUi("fake", actions => actions.find(a => a.kind === "disconnect"), { confirm: true });
    assert.equal(await run(ui), "disconnected");
    assert.match(seen.questions.join("\n"), /Disconnect Fake LLM\?/);
    assert.equal((await api.providerCatalog()).all.find(p => p.id === "fake")!.hasKey, false);
    await waitUntil(() => fsn.connection.kind === "connected", 30_000, "the event stream did not come back after the dispose");
    const { session, requests } = await turn("hello after disconnecting");
    assert.equal(session.lastError?.data?.statusCode, 401);
    assert.ok(requests.every(r => r.authorization !== `Bearer ${key}`));
  });

  it("a running turn: the user is asked, and 'after the turn' reloads only once it ended, whole", async () => {
    await waitUntil(() => fsn.connection.kind === "connected", 30_000, "the event stream is not connected");
    model.requiredKey = undefined; // the turn itself must not depend on the key
    let release!: () => void;
    model.script({ kind: "text", chunks: ["first half, ", "second half"], until: new Promise<void>(r => { release = r; }) });
    const s = await fsn.client.createSession({ title: "busy" });
    await fsn.send(s.id, "a long answer", [{ type: "text", text: "a long answer" }]);
    await waitUntil(() => findSession(fsn.state, s.id)?.messages.some(m => m.parts.some(p => p.type === "text" && p.text.includes("first half"))) ?? false, 30_000, "the turn never started answering");
    const asked: number[] = [];
    const connecting = run(scriptedUi("fake", apiKeyAction, { secret: key }).ui, async (_dir, busy) => { asked.push(busy); return "afterTurn"; });
    await waitUntil(() => asked.length > 0, 30_000, "the user was not asked about the running turn");
    assert.deepEqual(asked, [1]);
    // Barrier: the key is stored (PUT done before the question), yet the instance is the old one.
    assert.equal((await api.providerCatalog()).all.find(p => p.id === "fake")!.hasKey, false, "the instance was reloaded under the running turn");
    assert.equal(fsn.connection.kind, "connected");
    release();
    assert.equal(await connecting, "connected");
    const text = findSession(fsn.state, s.id)!.messages.filter(m => m.info.role === "assistant").flatMap(m => m.parts).map(p => (p.type === "text" ? p.text : "")).join("");
    assert.equal(text, "first half, second half");
    assert.equal(findSession(fsn.state, s.id)!.lastError, undefined);
    assert.equal((await api.providerCatalog()).all.find(p => p.id === "fake")!.hasKey, true);
  });
});
