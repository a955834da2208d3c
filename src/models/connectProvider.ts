import * as vscode from "vscode";

/** Says why nothing can answer, with Manage Providers… for the folder one click away. */
export async function offerConnectProvider(message: string, folder: vscode.WorkspaceFolder | undefined): Promise<void> {
  if ((await vscode.window.showWarningMessage(message, "Connect a Provider…")) === "Connect a Provider…") {
    await vscode.commands.executeCommand("opencode.manageProviders", folder?.uri);
  }
}
