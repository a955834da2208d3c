// Command-palette runs in the real extension host with real opencode and the fake model: "Run
// Task…" from its input to the deliverable's tab, with edit and bash on "ask" (the run's own log
// writes are answered by the run, nothing reaches the user), and the context commands declared in
// the menus they belong to.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import { sharedHermetic } from "./env";
import { waitUntil } from "../../real/helpers/processes";
import { runProtocolPaths, stepOf, text, tools, type ModelRequest } from "../../fakes/fakeModel";

type RunRecord = { sessionID: string; title: string; runDir: string; folderName?: string; report: { state: string; summary?: string; deliverables: string[]; autoAnswered: number }; result?: { filesChanged: string[] } };
const runs = () => vscode.commands.executeCommand<RunRecord[]>("opencode.test.runs");
/**
 * Over, with result.md written and the totals recorded. The report's state is live and turns first
 * (the view waits for the run's change event, which comes after; a poll must wait for the totals).
 */
const ended = (r: RunRecord) => r.report.state !== "running" && r.result !== undefined;
const extension = () => vscode.extensions.getExtension("opencode-community.opencode-vscode")!;

describe("command-palette runs with real opencode (Run Task…, deliverables, context commands)", function () {
  this.timeout(120_000);
  let env: Awaited<ReturnType<typeof sharedHermetic>>;
  let folder: vscode.WorkspaceFolder;

  before(async () => {
    env = await sharedHermetic();
    await extension().activate();
    folder = vscode.workspace.workspaceFolders![0];
    await vscode.workspace.getConfiguration("opencode").update("permissions", { edit: "ask", bash: "ask" }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
  });
  after(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors");
    await vscode.workspace.getConfiguration("opencode").update("permissions", undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
  });

  it("declares the context commands in the editor and explorer menus, and registers them", async () => {
    const menus = extension().packageJSON.contributes.menus as Record<string, { command: string; when?: string }[]>;
    const registered = new Set(await vscode.commands.getCommands(true));
    const inMenu = (menu: string) => new Set(menus[menu].map(m => m.command));
    for (const id of ["opencode.askAboutSelection", "opencode.explainFile", "opencode.fixProblems", "opencode.writeTests"]) {
      assert.ok(registered.has(id), `${id} is not registered`);
      assert.ok(inMenu("editor/context").has(id), `${id} is not in the editor's context menu`);
      if (id !== "opencode.askAboutSelection") assert.ok(inMenu("explorer/context").has(id), `${id} is not in the explorer's context menu`);
    }
    assert.ok(registered.has("opencode.runTask") && inMenu("view/title").has("opencode.runTask"));
  });

  it("Run Task…: typed into its input, runs to DONE, opens the deliverable beside the user's editor, asks nothing", async () => {
    // The agent: writes the report into the deliverables folder, announces it, says DONE.
    env.model.handle((req: ModelRequest) => {
      const paths = runProtocolPaths(req);
      if (!paths) return text("(the protocol was not in the prompt)");
      const { log, deliverables } = paths;
      return [
        tools({ name: "write", args: { filePath: path.join(deliverables, "report.md"), content: "# The report\n\nEverything checked ✓\n" } }),
        tools({ name: "bash", args: { command: `echo 'STATUS: 80% written' >> ${log} && echo 'DELIVERABLE: deliverables/report.md' >> ${log} && echo 'DONE: report ready' >> ${log}`, description: "report" } }),
        text("The report is in the deliverables."),
      ][stepOf(req)] ?? text("(over)");
    });
    const userFile = vscode.Uri.joinPath(folder.uri, "src", "greet.ts");
    await vscode.window.showTextDocument(userFile);
    const before = (await runs()).length;

    const started = vscode.commands.executeCommand("opencode.runTask");
    await waitUntil(async () => await vscode.commands.executeCommand<boolean>("opencode.test.typeInRunInput", "Write the report"), 15_000, "the Run Task input did not show");
    await vscode.commands.executeCommand("workbench.action.acceptSelectedQuickOpenItem");
    await started;
    await waitUntil(async () => (await runs()).length > before && ended((await runs())[0]), 60_000, "the run did not end");
    const run = (await runs())[0];
    assert.equal(run.title, "Write the report");
    assert.equal(run.folderName, folder.name, "the run went to the folder of the user's editor");
    assert.equal(run.report.state, "succeeded", JSON.stringify(run.report));
    assert.equal(run.report.summary, "report ready");
    const report = fs.realpathSync(path.join(run.runDir, "deliverables", "report.md"));
    assert.deepEqual(run.report.deliverables, [report]);
    // The log append asks (bash: ask) and the run answers it; the write asks too unless the approvals
    // suite's saved approval for edits (kept in this workspace's state) already allows it.
    assert.ok(run.report.autoAnswered >= 1, `the log append was answered by the run (${run.report.autoAnswered})`);
    const asks = await vscode.commands.executeCommand<{ pending: unknown[] }>("opencode.test.asks");
    assert.deepEqual(asks?.pending ?? [], [], "nothing waits for the user");

    // The deliverable: rendered markdown in a tab of its own, beside; the user's editor keeps focus.
    await waitUntil(() => tabsOf(report).length > 0, 15_000, "the deliverable's tab did not open");
    const [tab] = tabsOf(report);
    assert.ok(tab.input instanceof vscode.TabInputCustom && tab.input.viewType === "vscode.markdown.preview.editor", `opened as ${JSON.stringify(tab.input)}`);
    assert.equal(tab.isPreview, false, "a deliverable tab is not a preview tab the next click replaces");
    assert.notEqual(tab.group.viewColumn, vscode.window.tabGroups.all.find(g => g.tabs.some(t => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === userFile.fsPath))?.viewColumn, "opened beside the user's editor");
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, userFile.fsPath, "the user's editor kept the focus");
    assert.match(fs.readFileSync(path.join(run.runDir, "result.md"), "utf8"), /The report is in the deliverables\./);
  });

  it("a context command on a file of the second folder runs there: on that folder's server, in its run folder", async () => {
    const web = vscode.workspace.workspaceFolders![1];
    const logs: string[] = [];
    env.model.handle((req: ModelRequest) => {
      const paths = runProtocolPaths(req);
      if (!paths) return text("(the protocol was not in the prompt)");
      logs.push(paths.log);
      return [tools({ name: "bash", args: { command: `echo 'DONE: explained' >> ${paths.log}`, description: "report" } }), text("It greets.")][stepOf(req)] ?? text("(over)");
    });
    // As from the explorer's context menu: the clicked file, while the first folder's editor is active.
    await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, "src", "greet.ts"));
    await vscode.commands.executeCommand("opencode.explainFile", vscode.Uri.joinPath(web.uri, "src", "greet.ts"));
    await waitUntil(async () => (await runs()).some(r => r.title === "Explain src/greet.ts" && ended(r)), 60_000, "the run did not end");
    const run = (await runs()).find(r => r.title === "Explain src/greet.ts")!;
    assert.deepEqual([run.report.state, run.report.summary, run.folderName], ["succeeded", "explained", web.name]);
    assert.ok(run.runDir.startsWith(web.uri.fsPath + path.sep), `the run folder is in ${web.name}: ${run.runDir}`);
    assert.ok(logs.length > 0 && logs.every(l => l.startsWith(run.runDir)), `the agent was told the second folder's log: ${JSON.stringify(logs)}`);
    const servers = await vscode.commands.executeCommand<{ folder: string; kind: string; pid?: number }[]>("opencode.test.serverStates");
    const [api, own] = [folder.name, web.name].map(n => servers.find(s => s.folder === n));
    assert.ok(own?.kind === "running" && own.pid !== api?.pid, `${web.name}'s own server ran it: ${JSON.stringify(servers)}`);
  });

  it("lists the project files a run changed, and opens each as a diff against the text before the run", async () => {
    const readme = path.join(folder.uri.fsPath, "README.md");
    const original = fs.readFileSync(readme, "utf8");
    // In a repository: opencode's snapshot of the run's turn is where the text before it comes from.
    execFileSync("git", ["init", "-q", folder.uri.fsPath]);
    await vscode.workspace.getConfiguration("opencode").update("permissions", { edit: "allow", bash: "ask" }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand("opencode.test.restartServer", folder.name);
    try {
      env.model.handle((req: ModelRequest) => [
        tools({ name: "write", args: { filePath: readme, content: `${original}\nEdited by a run.\n` } }),
        text("README updated."),
      ][stepOf(req)] ?? text("(over)"));
      const before = (await runs()).length;
      await vscode.commands.executeCommand("opencode.runTask", "Add a line to the README");
      await waitUntil(async () => (await runs()).length > before && ended((await runs())[0]), 60_000, "the run did not end");
      const run = (await runs())[0];
      assert.equal(run.report.state, "ended without DONE", JSON.stringify(run.report));
      assert.deepEqual(run.result?.filesChanged, [readme]);
      // opencode may store the turn's snapshot diff after idle: wait for the review to have the file,
      // then keep it, so the diff cannot depend on the change still being under review.
      await waitUntil(async () => (await vscode.commands.executeCommand<{ path: string }[]>("opencode.test.review")).some(r => r.path === readme), 20_000, "the run's change never reached the review");
      await vscode.commands.executeCommand("opencode.keepAll");
      await vscode.commands.executeCommand("opencode.test.openRunChange", run.sessionID, readme);
      await waitUntil(() => diffTabOf(readme) !== undefined, 10_000, "no diff tab opened");
      const input = diffTabOf(readme)!.input as vscode.TabInputTextDiff;
      assert.equal((await vscode.workspace.openTextDocument(input.original)).getText(), original, "the left side is the README before the run");

      // After a reload the extension holds no baselines: the text before the run comes from opencode's snapshot.
      await vscode.window.tabGroups.close(diffTabOf(readme)!);
      await vscode.commands.executeCommand("opencode.test.openRunChange", run.sessionID, readme, true);
      await waitUntil(() => diffTabOf(readme) !== undefined, 10_000, "no diff tab opened after the baselines were forgotten");
      const reread = diffTabOf(readme)!.input as vscode.TabInputTextDiff;
      assert.equal((await vscode.workspace.openTextDocument(reread.original)).getText(), original, "the snapshot gives the README before the run");
    } finally {
      // The handler answers every later request of the suite's shared model until it goes.
      env.model.reset();
      fs.writeFileSync(readme, original);
      fs.rmSync(path.join(folder.uri.fsPath, ".git"), { recursive: true, force: true });
      await vscode.workspace.getConfiguration("opencode").update("permissions", { edit: "ask", bash: "ask" }, vscode.ConfigurationTarget.Global);
    }
  });
});

function diffTabOf(file: string): vscode.Tab | undefined {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs).find(t => t.input instanceof vscode.TabInputTextDiff && t.input.modified.fsPath === file);
}

function tabsOf(file: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(t => {
    const input = t.input as { uri?: vscode.Uri } | undefined;
    return input?.uri?.fsPath === file;
  });
}
