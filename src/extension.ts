import * as vscode from "vscode";
import { lazy, type Lazy } from "./common/lazy";
import { ChatHub } from "./chat/chatHub";
import { AskCenter } from "./approvals/askCenter";
import { EditReview } from "./review/editReview";
import { createLog } from "./host/log";
import { createErrorReporter } from "./host/errors";
import { SettingProblems } from "./host/settingProblems";
import { reportSettingProblemsTo } from "./host/config";
import { GrantStore } from "./server/grants";
import { ServerPool } from "./workspace/serverPool";
import { ServerStatusBar } from "./workspace/statusBar";
import { FrontFolder } from "./workspace/frontFolder";
import { DiffDocuments } from "./host/diffDocuments";
import { FolderMemory } from "./host/folderMemory";
import { registerServerCommands } from "./commands/server";
import { registerTestHooks } from "./testHooks";
import type { SavedState } from "./shared/messages";
import { registerChatCommands } from "./commands/chat";
import { registerApprovalCommands } from "./commands/approvals";
import { registerReviewCommands } from "./commands/review";
import { registerRunCommands, RunsViewProxy } from "./commands/runs";
import { registerProviderCommands } from "./commands/providers";
import { VscodeProviderUi } from "./providers/providerUi";
import { Runs } from "./runs/runs";
import { shownRunInput } from "./runs/runInput";

import { errorText } from "./common/errorText";
import { chatPanelType, chatViewId, runsViewId } from "./host/viewIds";
import { registerModelFeatures } from "./models/modelFeatures";
import { registerMcp } from "./mcp/mcpCommands";
import { registerSessionCommands } from "./sessions/sessionCommands";
import { registerSessionsView } from "./sessions/sessionsView";

let pool: ServerPool | undefined;
/** When this bundle ran: VS Code then prepares the extension context before calling activate(). */
const loadedAt = performance.now();

/**
 * Builds the object graph; nothing is spawned here (a folder's server starts on first use), and the
 * features are constructed on first use. The host code is one bundle: a split that loaded the
 * server and protocol layers on first use did not paint the chat any sooner from a cold window
 * (`npm run bench`), so it went.
 */
export function activate(context: vscode.ExtensionContext): void {
  const activateAt = performance.now();
  // Test-only requests (commands, `test.*` webview messages): only when the test runner sets the variable, never for users.
  const testHooks = process.env.OPENCODE_VSCODE_TEST === "1";
  const log = createLog();
  context.subscriptions.push(log);
  try {
    const reportError = createErrorReporter(log);
    // A setting that cannot be used as written is named once, with the value used instead.
    const settingProblems = new SettingProblems(log);
    context.subscriptions.push(settingProblems, reportSettingProblemsTo((setting, problem) => settingProblems.report(setting, problem)));
    const grants = new GrantStore(context.workspaceState);
    // The model, agent and last session picked per folder: the chat and the runs share them.
    const memory = new FolderMemory(context.workspaceState);
    pool = new ServerPool({
      log, grants, secrets: context.secrets,
      watchdogScript: vscode.Uri.joinPath(context.extensionUri, "dist", "watchdog.js").fsPath,
      onConfigError: (_folder, errors) => errors.forEach(e => settingProblems.report(e.setting, e.message)),
    });
    const front = new FrontFolder();
    // Editor plumbing of the window: one provider of virtual diff documents for every feature.
    const docs = new DiffDocuments();
    const statusBar = new ServerStatusBar(pool, front);
    // Models: which model answers each folder's next prompt, Check Model, the walkthrough's progress.
    const models = registerModelFeatures({ pool, front, memory, log, reportError, testHooks });
    context.subscriptions.push(...models.disposables);
    const chat: Lazy<ChatHub> = lazy(() => new ChatHub({ extensionUri: context.extensionUri, pool: pool!, front, docs, reportError, log, memory, asks: asks(), review: review(), models: models.status, testHooks }));
    // The permission gate exists from a folder's first conversation model on, chat open or not.
    const asks: Lazy<AskCenter> = lazy(() => new AskCenter({
      pool: pool!, grants, docs, reportError, log,
      showInChat: (folder, sessionID) => chat().showSession(folder, sessionID),
      isShown: (folder, sessionID) => chat.peek()?.isShown(folder, sessionID) ?? false,
      onPendingCount: count => statusBar.setPending(count),
    }));
    // The edit review follows every turn from a folder's first conversation model on, like the gate.
    const review: Lazy<EditReview> = lazy(() => new EditReview({ pool: pool!, docs, log, extensionUri: context.extensionUri }));
    // Command-palette runs and their view: loaded by the first run command or the view's first paint.
    const runs: Lazy<Runs> = lazy(() => {
      const r = new Runs({ pool: pool!, front, docs, reportError, log, workspaceState: context.workspaceState, memory, chat, review });
      runsView.attach(r);
      return r;
    });
    const runsView = new RunsViewProxy(runs);
    // Providers: the window's one set of provider pickers (the tests type into the one on screen).
    const providerUi = new VscodeProviderUi();
    context.subscriptions.push(
      pool, front, docs, statusBar, { dispose: () => chat.peek()?.dispose() }, { dispose: () => asks.peek()?.dispose() }, { dispose: () => review.peek()?.dispose() }, { dispose: () => runs.peek()?.dispose() }, runsView,
      pool.onDidCreateSession(() => { asks(); review(); }),
      // Both load the chat module only when VS Code first shows a chat.
      vscode.window.registerWebviewViewProvider(chatViewId, { resolveWebviewView: view => chat().resolveWebviewView(view) }),
      vscode.window.registerWebviewPanelSerializer(chatPanelType, { deserializeWebviewPanel: async (panel, state) => chat().deserializeWebviewPanel(panel, state as SavedState | undefined) }),
      ...registerChatCommands(chat, chatViewId),
      vscode.commands.registerCommand("opencode.showLog", () => log.show()),
      ...registerServerCommands(pool, front, log, reportError, context.secrets),
      ...registerApprovalCommands(asks, grants, pool),
      ...registerReviewCommands(review),
      vscode.window.registerTreeDataProvider(runsViewId, runsView),
      ...registerRunCommands(runs),
      ...registerMcp(pool, reportError, testHooks),
      // Session actions: delete, fork, share, export, copy/open by id, compact.
      ...registerSessionCommands({ pool, front, chat, runs, review, models: models.status, docs, log, reportError }),
      ...registerSessionsView({ pool, reportError, testHooks, showInSidebar: (folder, id) => chat().showInSidebar(folder, id), openInEditor: (folder, id) => chat().openInEditor(folder, id) }),
      providerUi, ...registerProviderCommands(pool, front, log, reportError, providerUi, () => { for (const { folder } of pool!.entries()) void models.status.refresh(folder); }),
      // Events are per server process: catch up on work done elsewhere when the user comes back.
      vscode.window.onDidChangeWindowState(e => e.focused && pool?.refreshAll()),
    );
    const activationMs = performance.now() - activateAt;
    log.info(`activate() took ${activationMs.toFixed(1)} ms, ${(activateAt - loadedAt).toFixed(1)} ms after the bundle ran (VS Code's context set-up), in ${vscode.env.appName} ${vscode.version}`);
    // Test-only requests: registered only when the test runner sets the variable, never for users.
    if (testHooks) context.subscriptions.push(...registerTestHooks({ pool, statusBar, chat, asks, review, runs, runInput: () => shownRunInput, providerInput: () => providerUi.shown, logDir: context.logUri.fsPath, docs, activationMs, settingProblems }));
  } catch (err) {
    // VS Code does not show activation failures to the user; we do.
    log.error("activation failed", err);
    void vscode.window.showErrorMessage(`opencode failed to start: ${errorText(err)}`, "Open Log")
      .then(choice => choice && log.show());
  }
}

/** Awaits every server stop, so no opencode outlives the window. */
export function deactivate(): Promise<void> | undefined {
  return pool?.stopAll();
}
