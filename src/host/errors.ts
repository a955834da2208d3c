import * as vscode from "vscode";
import type { OpencodeNotFoundError, OpencodeUnusableError } from "../server/binary";
import type { toUserMessage } from "../server/userMessage";
import type { Log } from "./log";

/**
 * The only caller of showErrorMessage: logs the whole error, shows one sentence and the next steps
 * that fit it (GitLens showGenericErrorMessage).
 */
/** Core's error classes and wording, loaded on first use (errors come from core's classes, so instanceof must use its copies). */
export type ErrorWords = () => { OpencodeNotFoundError: typeof OpencodeNotFoundError; OpencodeUnusableError: typeof OpencodeUnusableError; toUserMessage: typeof toUserMessage };

export function createErrorReporter(log: Log, words: ErrorWords) {
  return async function reportError(err: unknown, context: string): Promise<void> {
    log.error(`${context}:`, err);
    const { OpencodeNotFoundError, OpencodeUnusableError, toUserMessage } = words();
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
