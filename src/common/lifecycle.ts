export type Disposer = { dispose(): void };

/**
 * Owns disposables and disposes them in reverse order, once. Anything registered after dispose is
 * disposed at once, so a late async registration cannot leak (the js-debug DisposableList rule).
 * Structurally a vscode.Disposable, without importing vscode.
 */
export abstract class Disposable implements Disposer {
  #items: Disposer[] = [];
  #disposed = false;

  protected register<T extends Disposer>(d: T): T {
    if (this.#disposed) d.dispose();
    else this.#items.push(d);
    return d;
  }

  get isDisposed(): boolean { return this.#disposed; }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const d of this.#items.splice(0).reverse()) d.dispose();
  }
}
