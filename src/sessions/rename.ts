import * as vscode from "vscode";

/** Asks for a title, starting from the current one; undefined when the user cancelled. */
export type AskTitle = (current: string | undefined) => Thenable<string | undefined>;

const inputBox: AskTitle = current => vscode.window.showInputBox({
  title: "Rename session", value: current ?? "", ignoreFocusOut: true,
  validateInput: v => v.trim() ? undefined : "A title cannot be empty",
});

/** Asks for a session's new title and sets it (`PATCH /session/{id}`); false when the user cancelled. */
export async function askRename(client: { renameSession(id: string, title: string): Promise<unknown> }, sessionID: string, current: string | undefined, ask: AskTitle = inputBox): Promise<boolean> {
  const title = await ask(current);
  if (!title?.trim()) return false;
  await client.renameSession(sessionID, title.trim());
  return true;
}
