import * as vscode from "vscode";
import { read, Settings } from "../host/config";
import { fillTemplate, formatDiagnostics, templateFor, type Diagnostic, type TemplateName, type TemplateVars } from "./engine/runTemplates";

export type ContextCommand = TemplateName;

const titles: Record<ContextCommand, (file: string) => string> = {
  askAboutSelection: f => `Ask about ${f}`,
  explainFile: f => `Explain ${f}`,
  fixProblems: f => `Fix problems in ${f}`,
  writeTests: f => `Write tests for ${f}`,
};

const severities: Record<vscode.DiagnosticSeverity, Diagnostic["severity"]> = {
  [vscode.DiagnosticSeverity.Error]: "error", [vscode.DiagnosticSeverity.Warning]: "warning",
  [vscode.DiagnosticSeverity.Information]: "info", [vscode.DiagnosticSeverity.Hint]: "hint",
};

/**
 * The prompt of an editor or explorer context command: the target file (the clicked one, else the
 * active editor's), its template from settings, and the variables from the editor. Undefined, with
 * the reason shown, when there is nothing to run on; undefined silently when the user cancelled.
 */
export async function contextPrompt(command: ContextCommand, clicked?: vscode.Uri): Promise<{ folder: vscode.WorkspaceFolder; prompt: string; title: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = clicked instanceof vscode.Uri ? clicked : editor?.document.uri;
  const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
  if (!uri || !folder) return void vscode.window.showWarningMessage("opencode: open a file of the workspace first (or use the command from the explorer's context menu).");
  const file = vscode.workspace.asRelativePath(uri, false);
  const vars: TemplateVars = { file };
  const doc = editor && editor.document.uri.toString() === uri.toString() ? editor.document : undefined;
  if (doc) vars.language = doc.languageId;

  if (command === "askAboutSelection") {
    if (!editor || !doc || editor.selection.isEmpty) return void vscode.window.showWarningMessage("opencode: select some code in the editor first.");
    const question = await vscode.window.showInputBox({ title: `Ask opencode about the selection in ${file}`, prompt: "Your question", placeHolder: "e.g. Why is this loop quadratic?", ignoreFocusOut: true });
    if (!question?.trim()) return undefined;
    const s = editor.selection;
    Object.assign(vars, { question: question.trim(), selection: doc.getText(s), lines: `${s.start.line + 1}-${s.end.line + 1 - (s.end.character === 0 && s.end.line > s.start.line ? 1 : 0)}` });
  }
  if (command === "fixProblems") {
    const found = vscode.languages.getDiagnostics(uri);
    if (!found.length) return void vscode.window.showInformationMessage(`opencode: VS Code reports no problems in ${file}.`);
    vars.diagnostics = formatDiagnostics(found.map(d => ({
      line: d.range.start.line + 1, severity: severities[d.severity], message: d.message, source: d.source,
      code: typeof d.code === "object" ? String(d.code.value) : d.code === undefined ? undefined : String(d.code),
    })));
  }
  // A template that is not a non-empty string is reported by the setting's check; the default is used.
  const template = templateFor(read(Settings.runTemplates, folder.uri), command);
  return { folder, prompt: fillTemplate(template, vars), title: titles[command](file) };
}
