import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";

/**
 * Read-only documents for the sides of a diff that exist nowhere on disk: a tool's change, the
 * content an edit ask proposes, a file's text before a turn or a run. activate() owns the one
 * instance of the window and hands it to every feature that shows a diff. A document's text is
 * kept while a tab shows it: once it has been shown and its last tab closes, it goes (an answered
 * ask drops its own at once).
 */
export class DiffDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  static readonly scheme = "opencode-diff";
  get scheme(): string { return DiffDocuments.scheme; }
  readonly #docs = new Map<string, string>();
  /** Documents a tab has shown: when no tab shows one any more, it is dropped. */
  readonly #shown = new Set<string>();
  readonly #groups = new Map<string, vscode.Uri[]>();
  /** Which session a document shows a change of (`ownerKey`), so deleting the session closes its tabs. */
  readonly #owners = new Map<string, string>();
  #seq = 0;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(DiffDocuments.scheme, this));
    this.register(vscode.window.tabGroups.onDidChangeTabs(() => this.#sweep()));
  }

  provideTextDocumentContent(uri: vscode.Uri): string { return this.#docs.get(uri.toString()) ?? ""; }

  /** `owner` (from `ownerKey`): the session whose change it shows. */
  add(label: string, side: string, content: string, owner?: string): vscode.Uri {
    // The file name keeps its extension so the diff editor highlights the language.
    const uri = vscode.Uri.from({ scheme: DiffDocuments.scheme, path: `/${++this.#seq}/${side}/${label}` });
    this.#docs.set(uri.toString(), content);
    if (owner) this.#owners.set(uri.toString(), owner);
    return uri;
  }

  /** Closes every tab that shows a document of `owner` (a deleted session's diffs); their text goes with them. */
  async closeOwnedBy(owner: string): Promise<void> {
    const owned = (tab: vscode.Tab) => urisOf(tab.input).some(u => this.#owners.get(u.toString()) === owner);
    const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs).filter(owned);
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true).then(undefined, () => undefined);
    for (const [key, o] of [...this.#owners]) if (o === owner) this.delete(vscode.Uri.parse(key));
  }

  /**
   * Documents of a view that shows one set at a time (the multi-file diff, whose tab does not name
   * its documents): opening the next set frees the last one.
   */
  replaceGroup(group: string, uris: vscode.Uri[]): void {
    for (const uri of this.#groups.get(group) ?? []) this.delete(uri);
    this.#groups.set(group, uris);
  }

  /** Frees a document's content now (an answered ask's diff, which it closes itself). */
  delete(uri: vscode.Uri): void { const key = uri.toString(); this.#docs.delete(key); this.#shown.delete(key); this.#owners.delete(key); }

  /** How many documents hold text now (the log and the tests read it). */
  get size(): number { return this.#docs.size; }

  override dispose(): void { super.dispose(); this.#docs.clear(); this.#shown.clear(); this.#owners.clear(); }

  #sweep(): void {
    const open = new Set<string>();
    for (const tab of vscode.window.tabGroups.all.flatMap(g => g.tabs)) for (const uri of urisOf(tab.input)) if (uri.scheme === DiffDocuments.scheme) open.add(uri.toString());
    for (const key of open) if (this.#docs.has(key)) this.#shown.add(key);
    for (const key of [...this.#shown]) if (!open.has(key)) this.delete(vscode.Uri.parse(key));
  }
}

/** The owner of a session's documents: one session of one folder. */
export const ownerKey = (folder: vscode.Uri, sessionID: string): string => `${folder.toString()}#${sessionID}`;

function urisOf(input: unknown): vscode.Uri[] {
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}
