// "Manage Providers…" in the real extension host against real opencode: the pickers and the key's
// input are driven as a user would (typing, then Enter), and the result is read back the same way
// (the provider's state in the picker) and from opencode's own credentials file in the hermetic
// XDG_DATA_HOME, which the test, not the extension, reads.
import * as assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";

const extension = () => vscode.extensions.getExtension("opencode-community.opencode-vscode")!;
type Shown = { title: string; active?: string } | undefined;
const shown = (type?: string) => vscode.commands.executeCommand<Shown>("opencode.test.typeInProviderInput", type);
const inputTitle = async () => (await shown())?.title;
const accept = () => vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
const authFile = () => path.join(process.env.XDG_DATA_HOME!, "opencode", "auth.json");
const stored = () => (fs.existsSync(authFile()) ? fs.readFileSync(authFile(), "utf8") : "");

/**
 * Waits for the provider input whose title starts with `title`, types `value` (if any), waits for
 * the highlighted item to be `active` (a picker filters as the user types), and presses Enter.
 */
async function answer(title: string, o: { value?: string; active?: string } = {}): Promise<void> {
  await waitUntil(async () => (await inputTitle())?.startsWith(title) ?? false, 30_000, `no input titled "${title}…" (showing: ${await inputTitle()})`);
  if (o.value !== undefined) await shown(o.value);
  if (o.active !== undefined) await waitUntil(async () => (await shown())?.active === o.active, 15_000, `"${o.active}" is not highlighted (${(await shown())?.active})`);
  await accept();
}

describe("Manage Providers… with real opencode", function () {
  this.timeout(120_000);
  const key = `sk-int-${randomUUID()}`;

  before(async () => {
    await sharedHermetic();
    await extension().activate();
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, "src", "greet.ts")));
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeQuickOpen");
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("is a palette command, and the chat's Providers… message opens its picker", async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes("opencode.manageProviders"));
    const declared = extension().packageJSON.contributes.commands as { command: string; title: string }[];
    assert.equal(declared.find(c => c.command === "opencode.manageProviders")?.title, "Manage Providers…");
    await vscode.commands.executeCommand("opencode.openChat");
    const chats = () => vscode.commands.executeCommand<{ folder?: string; focused: boolean }[]>("opencode.test.chats");
    await waitUntil(async () => (await chats()).some(c => c.focused && c.folder === vscode.workspace.workspaceFolders![0].name), 30_000, "the chat did not open on the first folder");
    // Through the chat's validated message path, as the header button posts it.
    await vscode.commands.executeCommand("opencode.test.chatPost", { type: "manageProviders" });
    await waitUntil(async () => (await inputTitle()) !== undefined, 30_000, "the chat's message opened no provider picker");
    assert.equal(await inputTitle(), "opencode: Manage Providers");
    await vscode.commands.executeCommand("workbench.action.closeQuickOpen");
    await waitUntil(async () => (await inputTitle()) === undefined, 15_000, "the picker did not close");
  });

  it("connects a provider with an API key typed into a password input, then disconnects it after a confirmation", async () => {
    // From the palette the command acts on the active editor's folder.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, "src", "greet.ts")));
    assert.ok(!stored().includes("deepseek"), "deepseek was connected before the test");
    const connecting = vscode.commands.executeCommand<string>("opencode.manageProviders");
    await answer("opencode: Manage Providers", { value: "deepseek", active: "DeepSeek" });
    await answer("DeepSeek: not connected");
    await answer("DeepSeek: API key", { value: key });
    assert.equal(await connecting, "connected");
    assert.ok(stored().includes(key), "opencode's credentials file does not hold the key");
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration("opencode")).includes(key), "the key is in the settings");

    const disconnecting = vscode.commands.executeCommand<string>("opencode.manageProviders");
    await answer("opencode: Manage Providers", { value: "deepseek", active: "DeepSeek" });
    await waitUntil(async () => (await inputTitle())?.startsWith("DeepSeek: connected · API key") ?? false, 30_000, `the picker does not show DeepSeek connected (${await inputTitle()})`);
    await vscode.commands.executeCommand("workbench.action.quickOpenSelectNext");
    await waitUntil(async () => (await shown())?.active?.includes("Disconnect") ?? false, 15_000, "Disconnect is not highlighted");
    await accept();
    await answer("Disconnect DeepSeek?", { active: "Disconnect" });
    assert.equal(await disconnecting, "disconnected");
    assert.ok(!stored().includes(key), "the key is still in opencode's credentials file");
    // The output channel's file, as a user would attach it to a bug report.
    const logDir = await vscode.commands.executeCommand<string>("opencode.test.logDir");
    const logs = () => fs.readdirSync(logDir).map(f => fs.readFileSync(path.join(logDir, f), "utf8")).join("\n");
    await waitUntil(() => fs.existsSync(logDir) && logs().includes("providers: disconnected"), 15_000, `the log in ${logDir} does not show the disconnect`);
    assert.ok(logs().includes("providers: connected"));
    assert.ok(!logs().includes(key), "the key is in the extension's log");
  });
});
