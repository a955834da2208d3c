import * as vscode from "vscode";
import type { Log } from "../host/log";
import { billedRunTokens, duration } from "./engine/runReport";
import { formatCost } from "../shared/numbers";
import type { RunEntry } from "./runManager";
import { openDeliverable } from "./deliverableTabs";

/** What the finish notification's buttons do (the commands' own code, shared with the Runs view). */
export type RunActions = {
  openResult(entry: RunEntry): unknown;
  openInChat(entry: RunEntry): unknown;
  reviewChanges(entry: RunEntry): unknown;
  openLog(entry: RunEntry): unknown;
  retry(entry: RunEntry): unknown;
};

/** Deliverables a run opens by itself; later ones are listed in the Runs view only. */
const maxAutoOpened = 8;
/** ATTENTION notifications per run; later ones go to the log and the run's notes. */
const maxAttention = 5;

/**
 * The user-facing side of one run: a progress notification while it goes (Cancel aborts it),
 * deliverables opening as tabs, ATTENTION and BROWSER prompts, and the outcome at the end.
 */
export function followRun(entry: RunEntry, actions: RunActions, log: Log): void {
  const run = entry.run;
  if (!run) return;
  const title = entry.record.title;
  let opened = 0, attentions = 0;
  // One after the other, in the order announced: opening a markdown file first reads it (for remote
  // content), so opened side by side a later image could land behind an earlier report.
  let opening = Promise.resolve();
  run.onDeliverable(d => {
    if (++opened > maxAutoOpened) return void log.info(`run ${run.sessionID}: deliverable ${d.path} not opened (more than ${maxAutoOpened}); it is listed in the Runs view`);
    opening = opening.then(() => openDeliverable(d)).catch(err => log.warn(`opening deliverable ${d.path} failed: ${err}`));
  });
  run.onAttention(reason => {
    if (++attentions > maxAttention) return void log.info(`run ${run.sessionID}: ATTENTION ${reason} (not shown: more than ${maxAttention})`);
    void vscode.window.showWarningMessage(`opencode run “${title}” needs your attention: ${reason}`, "Open in Chat").then(c => c && actions.openInChat(entry));
  });
  run.onBrowser(url => {
    void vscode.window.showInformationMessage(`opencode run “${title}” wants to open ${url}`, "Open", "Copy Link").then(choice => {
      if (choice === "Open") void vscode.env.openExternal(vscode.Uri.parse(url, true));
      if (choice === "Copy Link") void vscode.env.clipboard.writeText(url);
    });
  });

  void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `opencode: ${title}`, cancellable: true }, (progress, token) => {
    token.onCancellationRequested(() => void run.cancel());
    let shownPercent = 0;
    const update = () => {
      const r = run.report;
      const what = r.message ?? (r.tool ? `running ${r.tool}` : "working");
      const increment = r.percent !== undefined && r.percent > shownPercent ? r.percent - shownPercent : undefined;
      if (increment) shownPercent = r.percent!;
      progress.report({ message: `${what} · step ${r.steps + 1} · ${duration(Date.now() - r.startedAt)}`, increment });
    };
    update();
    const ticker = setInterval(update, 1000);
    const changes = run.onDidChange(update);
    return run.finished.finally(() => { clearInterval(ticker); changes.dispose(); });
  });

  void run.finished.then(report => {
    // What the run cost, in the same format as the chat, the Runs view and result.md.
    const cost = run.result ? ` (${formatCost(run.result.cost, billedRunTokens(run.result.tokens))})` : "";
    if (report.state === "succeeded" || report.state === "ended without DONE") {
      const buttons = ["Open Result", "Open in Chat", ...(run.result?.filesChanged.length ? ["Review Changes"] : [])];
      // Without DONE the agent never said the task is finished: a warning, with the answer all the same.
      const done = report.state === "succeeded";
      const message = `opencode: “${title}” ${done ? "is done" : "ended without DONE"}${report.summary ? `: ${report.summary}` : ""}${cost}`;
      void (done ? vscode.window.showInformationMessage(message, ...buttons) : vscode.window.showWarningMessage(message, ...buttons)).then(choice => {
        if (choice === "Open Result") actions.openResult(entry);
        if (choice === "Open in Chat") actions.openInChat(entry);
        if (choice === "Review Changes") actions.reviewChanges(entry);
      });
    } else if (report.state === "cancelled") {
      void vscode.window.showInformationMessage(`opencode: “${title}” was cancelled${cost}.`, "Open in Chat").then(c => c && actions.openInChat(entry));
    } else {
      void vscode.window.showErrorMessage(`opencode: “${title}” ${report.state}${report.summary ? `: ${report.summary}` : ""}${cost}`, "Open Log", "Retry").then(choice => {
        if (choice === "Open Log") actions.openLog(entry);
        if (choice === "Retry") actions.retry(entry);
      });
    }
  });
}
