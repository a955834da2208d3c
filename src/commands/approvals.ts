import * as vscode from "vscode";
import type { GrantStore } from "../server/grants";
import type { Lazy } from "../common/lazy";
import type { AskCenter } from "../approvals/askCenter";
import type { ServerPool } from "../workspace/serverPool";

type SavedItem = vscode.QuickPickItem & { folder: vscode.WorkspaceFolder; grant: { permission: string; patterns: string[] } };

/** Pending asks (reopen the picker) and the saved "always allow in this folder" approvals. */
export function registerApprovalCommands(asks: Lazy<AskCenter>, grants: GrantStore, pool: ServerPool): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand("opencode.showPendingAsks", (id?: unknown) => {
      const center = asks.peek();
      if (!center) return void vscode.window.showInformationMessage("opencode: nothing is waiting for approval.");
      center.reopen(typeof id === "string" ? id : undefined);
    }),
    vscode.commands.registerCommand("opencode.manageSavedApprovals", async () => {
      const items: SavedItem[] = (vscode.workspace.workspaceFolders ?? []).flatMap(folder => grants.saved(folder.uri.fsPath).map(grant => ({
        folder, grant: { permission: grant.permission, patterns: [...grant.patterns] },
        label: `${grant.permission}: ${grant.patterns.join(", ")}`, description: folder.name,
      })));
      if (!items.length) return void vscode.window.showInformationMessage("opencode: no saved approvals. “Always allow in this folder (saved)” on an ask adds one.");
      const picked = await vscode.window.showQuickPick(items, {
        title: "opencode: saved approvals (kept in this workspace's state, passed to opencode on every start)",
        placeHolder: "Select the approvals to remove", canPickMany: true, matchOnDescription: true,
      });
      if (!picked?.length) return;
      for (const p of picked) await grants.removeSaved(p.folder.uri.fsPath, p.grant);
      // A running server got them as config at its start: it forgets them only when it restarts.
      const running = [...new Set(picked.map(p => p.folder))].filter(f => pool.stateOf(f).kind === "running");
      if (!running.length) return;
      const choice = await vscode.window.showInformationMessage(
        `opencode: removed ${picked.length} saved approval${picked.length > 1 ? "s" : ""}. The running server keeps allowing them until it restarts.`, "Restart Server");
      if (choice) for (const f of running) await pool.get(f).restart();
    }),
  ];
}
