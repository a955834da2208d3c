import * as vscode from "vscode";
import type { ReportError } from "../host/errors";
import type { FolderSession } from "../conversation/folderSession";
import { pickAgentOf, pickModelOf } from "../chat/catalogue";

type RunInput = { prompt: string; agent?: string; model?: string };

const historyKey = "opencode.runs.history";
const historySize = 30;

/**
 * "Run Task…": a quick input for the prompt that lists earlier prompts (an InputBox cannot show a
 * history; a QuickPick whose typed text is the first item can), with buttons to pick the agent and
 * the model for this run only. Undefined when the user cancelled.
 */
export async function askRunInput(o: { folder: vscode.WorkspaceFolder; session: () => Promise<FolderSession>; state: vscode.Memento; defaults: { agent?: string; model?: string }; reportError: ReportError }): Promise<RunInput | undefined> {
  let value = "", agent = o.defaults.agent, model = o.defaults.model;
  for (;;) {
    const step = await promptStep(o.folder, value, agent, model, o.state);
    if (!step) return undefined;
    if (step.kind === "run") {
      const history = [step.prompt, ...o.state.get<string[]>(historyKey, []).filter(h => h !== step.prompt)].slice(0, historySize);
      await o.state.update(historyKey, history);
      return { prompt: step.prompt, agent, model };
    }
    value = step.value;
    try {
      const session = await o.session();
      const pick = step.kind === "agent" ? await pickAgentOf(session, "Agent for this run", agent) : await pickModelOf(session, "Model for this run", model);
      if (pick !== "cancelled") step.kind === "agent" ? (agent = pick.value) : (model = pick.value);
    } catch (err) {
      void o.reportError(err, `the run's ${step.kind} picker`);
    }
  }
}

/** The Run Task input on screen, for the integration test's typing (no VS Code command types into a quick input). */
export let shownRunInput: { type(value: string): void } | undefined;

type Step = { kind: "run"; prompt: string } | { kind: "agent" | "model"; value: string };
type Item = vscode.QuickPickItem & { prompt: string };

function promptStep(folder: vscode.WorkspaceFolder, value: string, agent: string | undefined, model: string | undefined, state: vscode.Memento): Promise<Step | undefined> {
  const qp = vscode.window.createQuickPick<Item>();
  const agentButton = { iconPath: new vscode.ThemeIcon("hubot"), tooltip: `Agent: ${agent ?? "default"} (change for this run)` };
  const modelButton = { iconPath: new vscode.ThemeIcon("sparkle"), tooltip: `Model: ${model ?? "default"} (change for this run)` };
  const removeButton = { iconPath: new vscode.ThemeIcon("close"), tooltip: "Remove from history" };
  let history = state.get<string[]>(historyKey, []);
  const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  qp.title = `opencode: Run Task${multi ? ` in ${folder.name}` : ""} · ${agent ?? "default agent"} · ${model ?? "default model"}`;
  qp.placeholder = "Describe the task; Enter runs it in a new session (earlier tasks below)";
  qp.buttons = [agentButton, modelButton];
  qp.ignoreFocusOut = true;
  qp.matchOnDetail = true;
  const render = () => {
    const typed = qp.value.trim();
    const past = history.filter(h => h !== typed).map(h => ({ label: `$(history) ${firstLine(h)}`, detail: h.includes("\n") ? h : undefined, prompt: h, buttons: [removeButton] }));
    qp.items = typed ? [{ label: `$(play) ${firstLine(typed)}`, description: "run this task", prompt: typed, alwaysShow: true }, ...past] : past;
  };
  qp.value = value;
  render();
  return new Promise(resolve => {
    let done = false;
    const finish = (s: Step | undefined) => { if (done) return; done = true; shownRunInput = undefined; resolve(s); qp.dispose(); };
    qp.onDidChangeValue(render);
    qp.onDidTriggerButton(b => finish({ kind: b === agentButton ? "agent" : "model", value: qp.value }));
    qp.onDidTriggerItemButton(({ item }) => {
      history = history.filter(h => h !== item.prompt);
      void state.update(historyKey, history);
      render();
    });
    qp.onDidAccept(() => {
      const prompt = qp.selectedItems[0]?.prompt ?? qp.value.trim();
      if (prompt) finish({ kind: "run", prompt });
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
    shownRunInput = { type: v => { qp.value = v; render(); } };
  });
}

const firstLine = (s: string) => s.split("\n")[0].slice(0, 120);
