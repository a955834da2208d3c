import * as vscode from "vscode";
import { OpencodeNotFoundError, OpencodeUnusableError } from "../server/binary";
import { toUserMessage } from "../server/userMessage";
import { isNextMajor } from "../server/version";
import type { Log } from "./log";

export type ReportOptions = {
  /** What failed, as the start of the sentence ("answering “Edit a.ts”"). */
  doing?: string;
  /** A sentence after the error (what state things are left in: "It is still pending."). */
  after?: string;
  /** Actions of the caller, offered first; the reporter adds those that fit the error, and Open Log. */
  actions?: { label: string; run(): unknown }[];
};

/**
 * The one way an error reaches the user: logs the whole error, shows one sentence and the next steps
 * that fit it (GitLens showGenericErrorMessage). Every feature gets it from activate().
 */
export function createErrorReporter(log: Log) {
  return async function reportError(err: unknown, context: string, o: ReportOptions = {}): Promise<void> {
    log.error(`${context}:`, err);
    const fits = fittingActions(err);
    const own = o.actions ?? [];
    const text = `opencode: ${o.doing ? `${o.doing} failed: ` : ""}${toUserMessage(err)}${o.after ? ` ${o.after}` : ""}`;
    const choice = await vscode.window.showErrorMessage(text, ...own.map(a => a.label), ...fits, "Open Log");
    await own.find(a => a.label === choice)?.run();
    if (choice === "Open Log") log.show();
    if (choice === "Set Path…") await vscode.commands.executeCommand("opencode.showSetPath");
    if (choice === "Install opencode") await vscode.commands.executeCommand("opencode.installOpencode");
    if (choice === installBeside) await vscode.commands.executeCommand("opencode.installOpencode", "beside2x");
  };
}

const installBeside = "Install 1.x Beside 2.x";

/**
 * Only a missing or unsupported opencode is mended by installing it; one that is there but slow or
 * broken is not. A 2.x is kept: the 1.x goes beside it rather than over it.
 */
function fittingActions(err: unknown): string[] {
  if (err instanceof OpencodeNotFoundError) return ["Install opencode", "Set Path…"];
  if (!(err instanceof OpencodeUnusableError)) return [];
  const t = err.first;
  if (t.kind !== "unsupported version") return ["Set Path…"];
  return [isNextMajor(t.version ?? "") ? installBeside : "Install opencode", "Set Path…"];
}

export type ReportError = ReturnType<typeof createErrorReporter>;
