import * as vscode from "vscode";
import { core } from "./loadCore";
import type { Log } from "./log";

/**
 * The only caller of showErrorMessage: logs the whole error, shows one sentence and the next steps
 * that fit it (GitLens showGenericErrorMessage).
 */
export function createErrorReporter(log: Log) {
  return async function reportError(err: unknown, context: string): Promise<void> {
    log.error(`${context}:`, err);
    // Errors come from core's classes, so they are checked against core's copies.
    const { OpencodeNotFoundError, OpencodeUnusableError, toUserMessage } = core();
    // Only a missing opencode is mended by installing it; one that is there but slow or broken is not.
    const actions = err instanceof OpencodeNotFoundError ? ["Install opencode", "Set Path…", "Open Log"]
      : err instanceof OpencodeUnusableError ? ["Set Path…", "Open Log"] : ["Open Log"];
    const choice = await vscode.window.showErrorMessage(`opencode: ${toUserMessage(err)}`, ...actions);
    if (choice === "Open Log") log.show();
    if (choice === "Set Path…") await vscode.commands.executeCommand("opencode.showSetPath");
    if (choice === "Install opencode") await vscode.commands.executeCommand("opencode.installOpencode");
  };
}
export type ReportError = ReturnType<typeof createErrorReporter>;
