// Models in the real extension host against real opencode and the fake model: the walkthrough is
// registered and its context keys get set by what really happens, the empty chat names the model
// that answers, and Check Model answers through the command.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";
import { text } from "../../fakes/fakeModel";

type Walkthrough = { id: string; steps: { id: string; completionEvents: string[]; media: { markdown: string } }[] };
type Chat = { folder?: string; sessionID?: string; focused: boolean; status?: string };
const extensionId = "opencode-community.opencode-vscode";
const keys = () => vscode.commands.executeCommand<string[]>("opencode.test.walkthroughKeys");
const chatText = () => vscode.commands.executeCommand<string>("opencode.test.chatText").then(t => t, () => "");
const focused = async () => (await vscode.commands.executeCommand<Chat[]>("opencode.test.chats")).find(c => c.focused);

describe("models: walkthrough, model line and Check Model", function () {
  this.timeout(90_000);
  let env: Awaited<ReturnType<typeof sharedHermetic>>;
  before(async () => {
    env = await sharedHermetic();
    await vscode.extensions.getExtension(extensionId)!.activate();
  });

  it("registers the four-step walkthrough, each step completed by a real event, its media shipped", () => {
    const ext = vscode.extensions.getExtension(extensionId)!;
    const [w] = ext.packageJSON.contributes.walkthroughs as Walkthrough[];
    assert.equal(w.id, "opencode.gettingStarted");
    assert.deepEqual(w.steps.map(s => [s.id, s.completionEvents]), [
      ["findOpencode", ["onContext:opencode.walkthrough.opencodeFound"]],
      ["connectProvider", ["onContext:opencode.walkthrough.providerConnected"]],
      ["openChat", ["onView:opencode.chat"]],
      ["runTask", ["onContext:opencode.walkthrough.taskAnswered"]],
    ]);
    for (const s of w.steps) assert.ok(fs.existsSync(path.join(ext.extensionPath, s.media.markdown)), s.media.markdown);
  });

  it("sets the walkthrough's keys when opencode runs, a provider is there and a prompt got an answer; the empty chat names the model", async () => {
    await vscode.commands.executeCommand("opencode.openChat");
    await waitUntil(async () => (await focused())?.folder !== undefined, 15_000, "the chat view did not open on a folder");
    await vscode.commands.executeCommand("opencode.newSession");
    await waitUntil(async () => (await keys()).includes("opencode.walkthrough.providerConnected"), 30_000, "no provider key");
    assert.ok((await keys()).includes("opencode.walkthrough.opencodeFound"));
    // The keys belong to the window, which earlier files of the suite share: one of them may have had
    // a prompt answered already. The answer below must set it either way, and does when run alone.
    const answeredBefore = (await keys()).includes("opencode.walkthrough.taskAnswered");
    await waitUntil(async () => /Next reply from Demo model · Demo \(scripted, offline\)/.test(await chatText()), 15_000, "the empty chat did not name the model");
    env.model.script(text("Answered for the walkthrough"));
    await vscode.commands.executeCommand("opencode.test.chatSend", "Say something");
    await waitUntil(async () => (await chatText()).includes("Answered for the walkthrough"), 30_000, "the prompt got no answer");
    await waitUntil(async () => (await keys()).includes("opencode.walkthrough.taskAnswered"), 30_000, `the answer did not complete the step (set before: ${answeredBefore})`);
  });

  it("a model opencode does not have: the chat says so before the prompt, and a send reaches no provider", async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.commands.executeCommand("opencode.openChat");
    await vscode.workspace.getConfiguration("opencode").update("model", "nope/no-such-model", vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
      await vscode.commands.executeCommand("opencode.newSession");
      await waitUntil(async () => (await chatText()).includes('opencode has no model "nope/no-such-model"'), 30_000, "the chat did not say the model is missing");
      const requests = env.model.requests.length;
      // Resolves once the send was handled: refused here, or sent (a session created, a request made).
      await vscode.commands.executeCommand("opencode.test.chatSend", "This must not reach a provider");
      assert.equal((await focused())?.sessionID, undefined, "no session was created");
      assert.equal(env.model.requests.length, requests, "the model got no request");
      assert.doesNotMatch(await chatText(), /This must not reach a provider[\s\S]*error/i);
    } finally {
      await vscode.workspace.getConfiguration("opencode").update("model", undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
    }
  });

  it("Check Model answers through the command, with the model's latency", async () => {
    env.model.handle(req => {
      const sum = /Reply with only the number: (\d+)\+(\d+)/.exec(JSON.stringify(req.body.messages?.at(-1)?.content ?? ""));
      return sum ? text(String(Number(sum[1]) + Number(sum[2]))) : undefined;
    });
    try {
      const folder = vscode.workspace.workspaceFolders![0].uri.toString();
      const result = await vscode.commands.executeCommand<{ ok: boolean; latencyMs: number }>("opencode.checkModel", { folder, model: "demo/demo-model" });
      assert.equal(result?.ok, true, JSON.stringify(result));
      assert.ok(result.latencyMs > 0);
      // The chat's own "Check model" button checks its folder's answering model.
      await vscode.commands.executeCommand("opencode.openChat");
      await waitUntil(async () => (await focused())?.folder !== undefined, 15_000, "the chat view did not open on a folder");
      const before = env.model.requests.length;
      await vscode.commands.executeCommand("opencode.test.chatPost", { type: "runCommand", command: "opencode.checkModel" });
      await waitUntil(async () => env.model.requests.slice(before).some(r => /Reply with only the number/.test(JSON.stringify(r.body.messages))), 30_000, "the button sent no check");
    } finally { env.model.handle(undefined); }
  });
});
