import * as vscode from "vscode";
import type { ServerPool } from "../workspace/serverPool";
import type { FrontFolder } from "../workspace/frontFolder";
import type { FolderMemory } from "../host/folderMemory";
import type { Log } from "../host/log";
import type { ReportError } from "../host/errors";
import { ModelStatus } from "./modelStatus";
import { registerCheckModel } from "./checkModelCommand";
import { WalkthroughProgress } from "./walkthrough";

/** The window's model features: the answering-model status the chat reads, their commands, and the walkthrough's keys. */
export function registerModelFeatures(deps: { pool: ServerPool; front: FrontFolder; memory: FolderMemory; log: Log; reportError: ReportError; testHooks: boolean }): { status: ModelStatus; disposables: vscode.Disposable[] } {
  const status = new ModelStatus(deps);
  const progress = new WalkthroughProgress(deps.pool, status);
  return {
    status,
    disposables: [
      status, progress,
      registerCheckModel({ ...deps, models: status }),
      // Test-only: VS Code has no API to read a context key back.
      ...(deps.testHooks ? [vscode.commands.registerCommand("opencode.test.walkthroughKeys", () => progress.done)] : []),
    ],
  };
}
