// The chat panel in the real extension host against real opencode and the fake model: what the
// user sees is read from the live webview's own DOM (opencode.test.chatText).
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";
import { attachmentParts, FileIndex } from "../../../src/chat/completions";

type Chat = { folder?: string; sessionID?: string; focused: boolean; status?: string };
const chats = () => vscode.commands.executeCommand<Chat[]>("opencode.test.chats");
const focused = async () => (await chats()).find(c => c.focused);
const chatText = () => vscode.commands.executeCommand<string>("opencode.test.chatText").then(t => t, () => "");
const send = (text: string, files?: { path: string }[]) => vscode.commands.executeCommand("opencode.test.chatSend", text, files);
async function waitForText(s: string, ms = 30_000): Promise<void> {
  try {
    await waitUntil(async () => (await chatText()).includes(s), ms, `the chat never showed ${JSON.stringify(s)}`);
  } catch (err) {
    const servers = await vscode.commands.executeCommand("opencode.test.serverStates");
    throw new Error(`${(err as Error).message}; it shows ${JSON.stringify((await chatText()).slice(-400))}; chats ${JSON.stringify(await chats())}; servers ${JSON.stringify(servers)}`);
  }
}

describe("chat panel with real opencode", function () {
  this.timeout(90_000);
  let env: Awaited<ReturnType<typeof sharedHermetic>>;
  before(async () => {
    env = await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    await vscode.commands.executeCommand("opencode.openChat");
    await waitUntil(async () => (await focused())?.folder !== undefined, 15_000, "the chat view did not open on a folder");
  });

  it("sends a prompt and the streamed reply appears in the webview", async () => {
    env.model.script({ kind: "text", chunks: ["Streaming ", "works ", "in the panel ✓"], delayMs: 30 });
    await send("Say hello from the panel");
    await waitForText("Streaming works in the panel ✓");
    assert.ok((await chatText()).includes("Say hello from the panel"), `the user's prompt is shown: ${await chatText()}`);
    const c = await focused();
    assert.match(c?.sessionID ?? "", /^ses_/, "the first prompt created a session");
    await waitUntil(async () => (await focused())?.status === "idle", 15_000, "the turn did not end");
  });

  it("Stop aborts the running turn", async () => {
    env.model.script({ kind: "stall", chunks: ["Thinking about it"] });
    await send("Take your time");
    await waitForText("Thinking about it");
    assert.equal((await focused())?.status, "busy");
    await vscode.commands.executeCommand("opencode.stop");
    await waitUntil(async () => (await focused())?.status === "idle", 15_000, "Stop did not end the turn");
  });

  it("a hidden and re-shown view comes back with its conversation (nothing retained while hidden)", async () => {
    const before = (await focused())?.sessionID;
    await vscode.commands.executeCommand("workbench.action.closeSidebar");
    await vscode.commands.executeCommand("opencode.openChat");
    await waitForText("Streaming works in the panel ✓");
    assert.equal((await focused())?.sessionID, before, "the same session is back");
  });

  it("@ completion ranks the folder's files from VS Code's file index; a mentioned file reaches the model through opencode", async () => {
    const api = vscode.workspace.workspaceFolders![0];
    const index = new FileIndex();
    try {
      assert.equal((await index.complete(api, "grt"))[0]?.insert, "@src/greet.ts");
    } finally {
      index.dispose();
    }
    await assert.rejects(async () => attachmentParts(api, [{ path: "../../etc/passwd" }]), /outside the folder/);
    env.model.script({ kind: "text", chunks: ["I read ", "greet.ts ✓"] });
    await send("What does @src/greet.ts do?", [{ path: "src/greet.ts" }]);
    await waitForText("I read greet.ts ✓");
    // opencode inlines a file part's content for the model: the fake model saw the file itself.
    const seen = env.model.requests.filter(r => !r.isTitleRequest).map(r => JSON.stringify(r.body.messages));
    assert.ok(seen.some(m => m.includes("return `Hello, ${name}!`")), "the model never received greet.ts");
  });

  it("an editor panel on the second folder shows that folder's own session", async () => {
    const [api, web] = vscode.workspace.workspaceFolders!;
    const apiSession = (await chats()).find(c => c.folder === api.name)?.sessionID;
    await vscode.commands.executeCommand("opencode.openChatInEditor", web.uri);
    await waitUntil(async () => (await focused())?.folder === web.name, 15_000, "the editor panel did not open on the second folder");
    await waitForText(web.name);
    env.model.script({ kind: "text", chunks: ["Reply for ", "the web folder ✓"] });
    await send("Question for web");
    await waitForText("Reply for the web folder ✓");
    const text = await chatText();
    assert.ok(!text.includes("Streaming works in the panel"), "the web panel shows none of the api folder's conversation");
    const webSession = (await focused())?.sessionID;
    assert.ok(webSession && apiSession && webSession !== apiSession);
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor");
  });
});
