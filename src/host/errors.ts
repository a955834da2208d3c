import * as vscode from "vscode";
import type { OpencodeNotFoundError } from "../server/binary";
import type { toUserMessage } from "../server/userMessage";
import type { Log } from "./log";

/**
 * The only caller of showErrorMessage: logs the whole error, shows one sentence and the next steps
 * that fit it (GitLens showGenericErrorMessage).
 */
/** Core's error classes and wording, loaded on first use (errors come from core's classes, so instanceof must use its copies). */
type ErrorWords = () => { OpencodeNotFoundError: typeof OpencodeNotFoundError; toUserMessage: typeof toUserMessage };

export function createErrorReporter(log: Log, words: ErrorWords) {
  return async function reportError(err: unknown, context: string): Promise<void> {
    log.error(`${context}:`, err);
    const { OpencodeNotFoundError, toUserMessage } = words();
    const actions = err instanceof OpencodeNotFoundError ? ["Install opencode", "Set Path…", "Open Log"] : ["Open Log"];
    const choice = await vscode.window.showErrorMessage(`opencode: ${toUserMessage(err)}`, ...actions);
    if (choice === "Open Log") log.show();
    if (choice === "Set Path…") await vscode.commands.executeCommand("opencode.showSetPath");
    if (choice === "Install opencode") await vscode.commands.executeCommand("opencode.installOpencode");
  };
}
export type ReportError = ReturnType<typeof createErrorReporter>;
