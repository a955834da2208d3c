import type { Disposer } from "./lifecycle";

/** A minimal event emitter shaped like vscode.Event, for the layers that cannot import vscode. */
type Listener<T> = (value: T) => void;
export type Event<T> = (listener: Listener<T>) => Disposer;

export class Emitter<T> {
  #listeners = new Set<Listener<T>>();
  readonly event: Event<T> = listener => {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const l of [...this.#listeners]) {
      try { l(value); } catch (err) { queueMicrotask(() => { throw err; }); }
    }
  }
  dispose(): void { this.#listeners.clear(); }
}
