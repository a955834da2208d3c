import * as vscode from "vscode";
import type { ServerPool } from "../workspace/serverPool";
import type { FrontFolder } from "../workspace/frontFolder";
import type { ReportError } from "../host/errors";
import type { Log } from "../host/log";
import { manageFolderProviders } from "../providers/manageProviders";
import type { VscodeProviderUi } from "../providers/providerUi";

/** opencode.manageProviders: connect or disconnect a model provider of the front folder's opencode. */
export function registerProviderCommands(pool: ServerPool, front: FrontFolder, log: Log, reportError: ReportError, ui: VscodeProviderUi): vscode.Disposable[] {
  return [
    // `folderUri`: the chat passes its folder; from the palette it is the front folder's.
    vscode.commands.registerCommand("opencode.manageProviders", async (folderUri?: vscode.Uri) => {
      const folder = (folderUri instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(folderUri) : undefined)
        ?? await front.pick("opencode: manage the providers of which folder's server?");
      if (!folder) return void vscode.window.showInformationMessage("opencode: open a folder first.");
      try {
        return await manageFolderProviders({ pool, log, ui, openExternal: uri => vscode.env.openExternal(uri) }, folder);
      } catch (err) {
        // The user's cancel button on a sign-in that waits for the browser.
        if (err instanceof vscode.CancellationError) return "cancelled";
        void reportError(err, "managing providers");
        return undefined;
      }
    }),
  ];
}
