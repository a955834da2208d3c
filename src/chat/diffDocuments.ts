import * as vscode from "vscode";

/**
 * Read-only documents for the sides of a diff that exist nowhere on disk: a tool's change (its
 * hunks) and the content an edit ask proposes. It registers itself on first use, so every feature
 * that shows a diff shares one provider for the scheme.
 */
export class DiffDocuments implements vscode.TextDocumentContentProvider {
  static readonly scheme = "opencode-diff";
  get scheme(): string { return DiffDocuments.scheme; }
  readonly #docs = new Map<string, string>();
  #seq = 0;
  #registration: vscode.Disposable | undefined;

  provideTextDocumentContent(uri: vscode.Uri): string { return this.#docs.get(uri.toString()) ?? ""; }

  add(label: string, side: string, content: string): vscode.Uri {
    this.#registration ??= vscode.workspace.registerTextDocumentContentProvider(DiffDocuments.scheme, this);
    // The file name keeps its extension so the diff editor highlights the language.
    const uri = vscode.Uri.from({ scheme: DiffDocuments.scheme, path: `/${++this.#seq}/${side}/${label}` });
    this.#docs.set(uri.toString(), content);
    return uri;
  }

  /** Frees a document's content once its diff is closed for good (an answered ask). */
  delete(uri: vscode.Uri): void { this.#docs.delete(uri.toString()); }

  dispose(): void { this.#registration?.dispose(); this.#registration = undefined; this.#docs.clear(); }
}

export const diffDocuments = new DiffDocuments();

/** Closes the diff tabs whose right side is `modified` (the diff an ask opened, once it is decided). */
export async function closeDiffTabs(modified: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs)
    .filter(t => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === modified.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}
