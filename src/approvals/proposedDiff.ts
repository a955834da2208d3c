import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import type { PermissionRequest } from "../protocol/ask";
import { describePermission } from "./askText";
import { proposedContent } from "../review/engine/patchBaseline";
import { splitUnifiedDiff } from "../common/unifiedDiff";
import { type DiffDocuments, ownerKey } from "../host/diffDocuments";
import { closeDiffTabs } from "../host/tabs";
import type { Log } from "../host/log";
import { unsavedDocument } from "./unsaved";

/**
 * The change an edit ask proposes, as `vscode.diff` beside the picker: the file on disk (what the
 * ask's diff was made against; empty for a new file) against that diff applied to it. When the diff
 * no longer applies, its hunks alone. The decision closes it.
 */
export class ProposedDiff {
  private constructor(private readonly docs: DiffDocuments, private readonly left: vscode.Uri, private readonly right: vscode.Uri, private readonly title: string) {}

  static async open(docs: DiffDocuments, ask: PermissionRequest, folder: vscode.WorkspaceFolder, log: Log): Promise<ProposedDiff | undefined> {
    const text = describePermission(ask, folder.uri.fsPath);
    if (!text.diff) return undefined;
    const file = text.filepath ?? path.join(folder.uri.fsPath, ask.patterns[0] ?? "change");
    const label = path.basename(file);
    const current = currentText(file);
    const owner = ownerKey(folder.uri, ask.sessionID);
    const proposed = current === undefined ? proposedContent("", text.diff) : proposedContent(current, text.diff);
    let left: vscode.Uri, right: vscode.Uri, title: string;
    if (proposed !== undefined) {
      // opencode's diff is against the disk: with unsaved changes in an editor, show the disk's text.
      const dirty = unsavedDocument(file) !== undefined;
      left = current === undefined ? docs.add(label, "new-file", "", owner) : dirty ? docs.add(label, "on-disk", current, owner) : vscode.Uri.file(file);
      right = docs.add(label, "proposed", proposed, owner);
      title = `${label} ↔ proposed by opencode${current === undefined ? " (new file)" : ""}`;
    } else {
      log.info(`the proposed diff for ${text.detail} no longer applies to the file; showing its hunks`);
      const sides = splitUnifiedDiff(text.diff);
      left = docs.add(label, "before", sides.before, owner);
      right = docs.add(label, "proposed", sides.after, owner);
      title = `${label} (changed lines proposed by opencode)`;
    }
    const d = new ProposedDiff(docs, left, right, title);
    await d.show();
    return d;
  }

  /** Beside the current editor, without taking the focus from the picker. */
  async show(): Promise<void> {
    await vscode.commands.executeCommand("vscode.diff", this.left, this.right, this.title, { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside });
  }

  async close(): Promise<void> {
    await closeDiffTabs(this.right).catch(() => undefined);
    this.docs.delete(this.right);
    if (this.left.scheme === this.docs.scheme) this.docs.delete(this.left);
  }
}

/** The file on disk, which opencode's diff was computed against; undefined for a new file. */
function currentText(file: string): string | undefined {
  try { return fs.readFileSync(file, "utf8"); } catch { return undefined; }
}
