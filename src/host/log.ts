import * as vscode from "vscode";

/** The extension's one log: a LogOutputChannel, so users pick the level in VS Code's UI. */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel("opencode", { log: true });
}
