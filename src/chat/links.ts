import * as path from "node:path";
import * as vscode from "vscode";
import { splitUnifiedDiff } from "../common/unifiedDiff";
import { isInside, realPathInside } from "../common/paths";
import { findMessage, findSession } from "../protocol/state";
import { linkTarget } from "../shared/linkScheme";
import type { Chat } from "./chatContext";
import { ownerKey } from "../host/diffDocuments";


/**
 * A path from model output: relative to the folder, or absolute inside a workspace folder; nothing
 * else opens. Inside means really inside (symlinks followed), so a link in the workspace that points
 * out of it opens nothing.
 */
export async function openFile(folder: vscode.WorkspaceFolder, p: string, line?: number): Promise<void> {
  const abs = path.resolve(folder.uri.fsPath, p.replace(/^file:\/\//, ""));
  const roots = (vscode.workspace.workspaceFolders ?? []).map(f => f.uri.fsPath).filter(root => isInside(root, abs));
  if (!roots.length) return void vscode.window.showWarningMessage(`opencode: not opening ${p}: it is outside the workspace folders.`);
  const places = await Promise.all(roots.map(root => realPathInside(root, abs)));
  const place = places.find(pl => pl.ok);
  if (!place?.ok) {
    const why = places.map(pl => (pl.ok ? "" : pl.why)).find(w => !/does not exist/.test(w));
    return void vscode.window.showWarningMessage(why ? `opencode: not opening ${p}: ${why}, the workspace folder.` : `opencode: ${p} does not exist in ${folder.name}.`);
  }
  const at = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  await vscode.window.showTextDocument(vscode.Uri.file(place.real), { selection: new vscode.Range(at, at), preview: true });
}

/**
 * Links from model output, by the one allow-list the webview renders with (shared/linkScheme.ts):
 * web and mail links after a confirmation, scheme-less paths through openFile, nothing else.
 */
export async function openLink(url: string, folder: vscode.WorkspaceFolder | undefined): Promise<void> {
  const target = linkTarget(url);
  if (!target) return void vscode.window.showWarningMessage(`opencode: not opening ${url.slice(0, 200)}: only http, https and mailto links open.`);
  if (target.kind === "relative") {
    if (folder) await openFile(folder, target.href);
    return;
  }
  const parsed = URL.canParse(target.href) ? new URL(target.href) : undefined;
  if (!parsed) return void vscode.window.showWarningMessage(`opencode: not opening ${url.slice(0, 200)}: not a valid address.`);
  // Model output is untrusted: say where the link really goes before leaving VS Code.
  const choice = await vscode.window.showInformationMessage(`Open this link from opencode's output?\n\n${parsed.href}`, { modal: true }, "Open");
  if (choice === "Open") await vscode.env.openExternal(vscode.Uri.parse(parsed.href));
}

/** `vscode.diff` of an edit/write tool part's change: the patch's hunks, or a written file against empty. */
export async function openDiff(c: Chat, messageID: string, partID: string): Promise<void> {
  const state = c.folderSession && c.sessionID ? findSession(c.folderSession.state, c.sessionID) : undefined;
  const part = findMessage(state, messageID)?.parts.find(p => p.id === partID);
  if (!part || part.type !== "tool") return;
  const s = part.state as { input?: Record<string, unknown>; metadata?: Record<string, unknown> };
  const input = s.input ?? {}, meta = s.metadata ?? {};
  const file = String(input.filePath ?? (meta.filediff as { file?: string } | undefined)?.file ?? meta.filepath ?? "change");
  const label = path.basename(file);
  const patch = typeof meta.diff === "string" ? meta.diff : (meta.filediff as { patch?: string } | undefined)?.patch;
  const sides = patch ? splitUnifiedDiff(patch) : { before: "", after: typeof input.content === "string" ? input.content : "" };
  const title = `${label} (${part.tool}${patch ? ", changed lines" : ""})`;
  const owner = c.folder && c.sessionID ? ownerKey(c.folder.uri, c.sessionID) : undefined;
  await vscode.commands.executeCommand("vscode.diff", c.deps.docs.add(label, "before", sides.before, owner), c.deps.docs.add(label, "after", sides.after, owner), title, { preview: true });
}
