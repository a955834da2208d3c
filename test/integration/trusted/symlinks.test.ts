// Paths from the webview (`@` attachments) and from model output (links the chat opens) are checked
// by where they really lead: a symlink inside the workspace that points out of it is outside.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { attachmentParts } from "../../../src/chat/completions";
import { openFile } from "../../../src/chat/links";

describe("symlinks out of the workspace (chat attachments and links)", function () {
  this.timeout(30_000);
  let outside: string, folder: vscode.WorkspaceFolder, links: string[];
  before(() => {
    folder = vscode.workspace.workspaceFolders![0];
    outside = fs.mkdtempSync(path.join(os.tmpdir(), "oc-outside-"));
    fs.writeFileSync(path.join(outside, "secret.txt"), "not the workspace's\n");
    const at = (name: string) => path.join(folder.uri.fsPath, name);
    fs.symlinkSync(path.join(outside, "secret.txt"), at("link-out.txt"));
    fs.symlinkSync(outside, at("dir-out"));
    fs.symlinkSync(path.join("src", "greet.ts"), at("link-in.ts"));
    links = [at("link-out.txt"), at("dir-out"), at("link-in.ts")];
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    for (const l of links) fs.rmSync(l, { force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it("`@` attachments: a link out is refused, a link inside is sent as the file it leads to", async () => {
    await assert.rejects(async () => attachmentParts(folder, [{ path: "link-out.txt" }]), /outside/);
    await assert.rejects(async () => attachmentParts(folder, [{ path: "dir-out/secret.txt" }]), /outside/);
    await assert.rejects(async () => attachmentParts(folder, [{ path: "../../etc/passwd" }]), /outside/);
    const [part] = await attachmentParts(folder, [{ path: "link-in.ts" }]);
    assert.ok(part.type === "file" && fs.readFileSync(new URL(part.url), "utf8").includes("Hello"), JSON.stringify(part));
  });

  it("links from model output: a link out opens nothing, a link inside opens", async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    const shown = () => vscode.window.visibleTextEditors.map(e => e.document.uri.fsPath);
    await openFile(folder, "link-out.txt");
    await openFile(folder, path.join(folder.uri.fsPath, "dir-out", "secret.txt"));
    assert.deepEqual(shown().filter(f => f.includes("secret")), [], "a file outside the workspace was opened");
    await openFile(folder, "link-in.ts");
    assert.ok(shown().some(f => f.endsWith("greet.ts") || f.endsWith("link-in.ts")), `nothing opened: ${shown()}`);
  });
});
