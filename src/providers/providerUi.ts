import * as vscode from "vscode";
import type { ProviderAction, ProviderUi } from "./engine/providerFlow";
import type { ProviderRow } from "./engine/providerRows";

type Input = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;

/**
 * The provider flow's questions as VS Code quick inputs. One per window; it remembers the input on
 * screen so the integration tests can type into it (no VS Code command types into a quick input).
 */
export class VscodeProviderUi implements ProviderUi {
  #shown: Input | undefined;

  /** The quick input on screen, if any: its title, its highlighted item, and `type`, which sets its value as typing would. */
  get shown(): { title: string; active?: string; type(value: string): void } | undefined {
    const input = this.#shown;
    return input && { title: input.title ?? "", active: "activeItems" in input ? input.activeItems[0]?.label : undefined, type: v => { input.value = v; } };
  }

  /** The window is closing: an input still on screen goes with it. */
  dispose(): void { this.#shown?.dispose(); }

  async pickProvider(rows: ProviderRow[]): Promise<ProviderRow | undefined> {
    type Item = vscode.QuickPickItem & { row?: ProviderRow };
    const item = (r: ProviderRow): Item => ({ label: r.name, description: r.state, detail: r.id === r.name ? undefined : r.id, row: r });
    const connected = rows.filter(r => r.credential !== "none"), rest = rows.filter(r => r.credential === "none");
    const items: Item[] = [
      ...(connected.length ? [{ label: "Connected", kind: vscode.QuickPickItemKind.Separator }, ...connected.map(item)] : []),
      { label: "Not connected", kind: vscode.QuickPickItemKind.Separator }, ...rest.map(item),
    ];
    const picked = await this.#pick<Item>(items, { title: "opencode: Manage Providers", placeholder: "Type to search providers by name or id", matchOnDescription: true, matchOnDetail: true });
    return picked?.row;
  }

  async pickAction(row: ProviderRow, actions: ProviderAction[]): Promise<ProviderAction | undefined> {
    type Item = vscode.QuickPickItem & { action: ProviderAction };
    const items = actions.map((a): Item => a.kind === "disconnect"
      ? { label: "$(debug-disconnect) Disconnect", description: "forget the stored credential", action: a }
      : { label: `$(plug) ${a.method.label}`, description: a.method.type === "oauth" ? "sign in in the browser" : "API key", action: a });
    const note = row.credential === "env" ? ` (its key comes from ${row.env.join(" or ")}; unset it there to disconnect)`
      : row.credential === "config" ? " (its key is set in opencode.json; remove it there to disconnect)" : "";
    return (await this.#pick<Item>(items, { title: `${row.name}: ${row.state}${note}`, placeholder: "Connect or disconnect" }))?.action;
  }

  askSecret(title: string, prompt: string): Promise<string | undefined> { return this.#input({ title, prompt, password: true }); }
  askText(title: string, prompt: string, placeholder?: string): Promise<string | undefined> { return this.#input({ title, prompt, placeholder }); }

  async pickOption(title: string, options: { label: string; value: string; hint?: string }[]): Promise<string | undefined> {
    return (await this.#pick(options.map(o => ({ label: o.label, description: o.hint, value: o.value })), { title }))?.value;
  }

  /** A picker rather than a modal dialog: it stays in the same quick input as the steps before it. */
  async confirm(message: string, action: string): Promise<boolean> {
    const picked = await this.#pick([{ label: action, yes: true }, { label: "Cancel", yes: false }], { title: message });
    return picked?.yes === true;
  }

  info(message: string): void { void vscode.window.showInformationMessage(message); }

  waitCancellable<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort(new vscode.CancellationError()));
      // However the aborted request fails, a cancel by the user is reported as one.
      return work(abort.signal).catch(err => { throw abort.signal.aborted ? new vscode.CancellationError() : err; }).finally(() => sub.dispose());
    }));
  }

  #pick<T extends vscode.QuickPickItem>(items: T[], o: { title: string; placeholder?: string; matchOnDescription?: boolean; matchOnDetail?: boolean }): Promise<T | undefined> {
    const qp = vscode.window.createQuickPick<T>();
    Object.assign(qp, { ignoreFocusOut: true, ...o, items });
    return this.#run(qp, resolve => qp.onDidAccept(() => { if (qp.selectedItems[0]) resolve(qp.selectedItems[0]); }));
  }

  #input(o: { title: string; prompt: string; placeholder?: string; password?: boolean }): Promise<string | undefined> {
    const box = vscode.window.createInputBox();
    Object.assign(box, { ignoreFocusOut: true, ...o });
    return this.#run(box, resolve => box.onDidAccept(() => resolve(box.value)));
  }

  /** Shows `input` until it is accepted (`onAccept` resolves) or hidden (undefined), then disposes it. */
  #run<T>(input: Input, onAccept: (resolve: (v: T) => void) => vscode.Disposable): Promise<T | undefined> {
    return new Promise(resolve => {
      let done = false;
      const finish = (v: T | undefined) => {
        if (done) return;
        done = true;
        if (this.#shown === input) this.#shown = undefined;
        resolve(v);
        input.dispose();
      };
      onAccept(finish);
      input.onDidHide(() => finish(undefined));
      this.#shown = input;
      input.show();
    });
  }
}
