import * as vscode from "vscode";
import { parseModelRef } from "../protocol/modelRef";
import type { ServerPool } from "../workspace/serverPool";
import type { FrontFolder } from "../workspace/frontFolder";
import type { ReportError } from "../host/errors";
import type { Log } from "../host/log";
import type { FolderMemory } from "../host/folderMemory";
import { checkModel, type CheckResult } from "./engine/checkModel";
import type { ModelStatus } from "./modelStatus";
import { offerConnectProvider } from "./connectProvider";

type Deps = { pool: ServerPool; front: FrontFolder; memory: FolderMemory; models: ModelStatus; log: Log; reportError: ReportError };

/** What the model picker's check button passes; the palette passes nothing (the front folder's answering model). */
type CheckArgs = { folder?: string; model?: string; variant?: string };

/**
 * `opencode.checkModel`: a real, tiny question to a model (the one that answers the front folder's
 * next prompt, or the picker's), its latency or its exact error in a notification.
 */
export function registerCheckModel(deps: Deps): vscode.Disposable {
  return vscode.commands.registerCommand("opencode.checkModel", async (args?: CheckArgs): Promise<CheckResult | undefined> => {
    try {
      const folder = (args?.folder && vscode.workspace.workspaceFolders?.find(f => f.uri.toString() === args.folder)) || (await deps.front.pick());
      if (!folder) return undefined;
      await deps.pool.start(folder);
      const answering = args?.model ? undefined : await deps.models.refresh(folder);
      if (answering && "problem" in answering) {
        void offerConnectProvider(deps.models.line(folder)?.problem?.message ?? "No model can answer.", folder);
        return undefined;
      }
      const ref = parseModelRef(args?.model ?? answering?.ref);
      if (!ref) throw new Error("opencode did not say which model answers: choose one with the model picker first");
      const variant = args?.model ? args.variant : deps.memory.variant(folder);
      const label = `${ref.providerID}/${ref.modelID}${variant ? ` (${variant})` : ""}`;
      const api = deps.pool.session(folder).client;
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `opencode: checking ${label}…`, cancellable: false },
        () => checkModel(api, { model: ref, variant }),
      );
      const seconds = (result.latencyMs / 1000).toFixed(1);
      deps.log.info(`models: check of ${label}: ${result.ok ? `answered in ${seconds} s` : `failed after ${seconds} s: ${result.error}`}`);
      if (result.ok) void vscode.window.showInformationMessage(`opencode: ${label} answered correctly in ${seconds} s.`);
      else void offerConnectProvider(`opencode: ${label} failed the check: ${result.error}`, folder);
      return result;
    } catch (err) {
      void deps.reportError(err, "Check Model");
      return undefined;
    }
  });
}
