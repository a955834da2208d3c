import * as vscode from "vscode";
import type { ServerPool } from "../workspace/serverPool";
import type { FrontFolder } from "../workspace/frontFolder";
import type { ReportError } from "../host/errors";
import type { Log } from "../host/log";
import { manageFolderProviders } from "../providers/manageProviders";
import type { VscodeProviderUi } from "../providers/providerUi";

/**
 * opencode.manageProviders: connect or disconnect a model provider of the front folder's opencode.
 * `onDidChangeCredentials`: after a change, what shows a provider's state asks its server again.
 */
export function registerProviderCommands(pool: ServerPool, front: FrontFolder, log: Log, reportError: ReportError, ui: VscodeProviderUi, onDidChangeCredentials: () => void): vscode.Disposable[] {
  return [
    // `folderUri`: the chat passes its folder (from the palette it is the front folder's); `providerID`:
    // the chat's Connect for the provider of the model that will answer, which skips the provider pick.
    vscode.commands.registerCommand("opencode.manageProviders", async (folderUri?: vscode.Uri, providerID?: unknown) => {
      const folder = (folderUri instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(folderUri) : undefined)
        ?? await front.pick("opencode: manage the providers of which folder's server?");
      if (!folder) return void vscode.window.showInformationMessage("opencode: open a folder first.");
      try {
        const deps = { pool, log, ui, openExternal: (uri: vscode.Uri) => vscode.env.openExternal(uri), onDidChangeCredentials };
        return await manageFolderProviders(deps, folder, typeof providerID === "string" ? providerID : undefined);
      } catch (err) {
        // The user's cancel button on a sign-in that waits for the browser.
        if (err instanceof vscode.CancellationError) return "cancelled";
        void reportError(err, "managing providers");
        return undefined;
      }
    }),
  ];
}
