import * as vscode from "vscode";

/** The command that adds an API key or a login to opencode ("Manage Providers…"), when installed. */
const manageProviders = "opencode.manageProviders";

/**
 * "Connect a provider": opens Manage Providers… when this build has it; otherwise says how to
 * connect one by hand, so the button never fails silently.
 */
export async function connectProvider(): Promise<void> {
  if ((await vscode.commands.getCommands(true)).includes(manageProviders)) return void (await vscode.commands.executeCommand(manageProviders));
  void vscode.window.showInformationMessage(
    "To connect a provider, run `opencode auth login` in a terminal (an API key or a login), or add the provider to opencode.json; then restart the opencode server.",
  );
}

/** Says why nothing can answer, with the fix one click away. */
export async function offerConnectProvider(message: string): Promise<void> {
  if ((await vscode.window.showWarningMessage(message, "Connect a Provider…")) === "Connect a Provider…") await connectProvider();
}
