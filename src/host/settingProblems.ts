import * as vscode from "vscode";
import type { Log } from "./log";

/**
 * Tells the user, once per problem, that a setting's value could not be used as written and what
 * is used instead, with a way to the setting. Settings are read on every use, so the same problem
 * comes back often: it is shown again only after the setting changes.
 */
export class SettingProblems implements vscode.Disposable {
  readonly #shown = new Set<string>();
  readonly #changes: vscode.Disposable;

  constructor(private readonly log: Log) {
    this.#changes = vscode.workspace.onDidChangeConfiguration(e => {
      for (const text of this.#shown) if (e.affectsConfiguration(settingOf(text))) this.#shown.delete(text);
    });
  }

  /** The problems shown since their settings last changed, as shown. */
  get shown(): string[] {
    return [...this.#shown].map(t => t.slice(t.indexOf("\u0000") + 1));
  }

  report(setting: string, problem: string): void {
    const text = `${setting}\u0000${problem}`;
    if (this.#shown.has(text)) return;
    this.#shown.add(text);
    this.log.warn(`setting: ${problem}`);
    void vscode.window.showWarningMessage(`opencode: ${problem}.`, "Open Settings")
      .then(choice => choice && vscode.commands.executeCommand("workbench.action.openSettings", setting));
  }

  dispose(): void {
    this.#changes.dispose();
    this.#shown.clear();
  }
}

const settingOf = (text: string) => text.slice(0, text.indexOf("\u0000"));
