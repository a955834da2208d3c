import type { Grant } from "./opencodeConfig";

/** The slice of VS Code's Memento this needs (workspace state), so the store stays testable without VS Code. */
export type GrantMemento = { get<T>(key: string): T | undefined; update(key: string, value: unknown): Thenable<void> };

const savedKey = "opencode.savedApprovals";
type Saved = Record<string, Grant[]>;

/**
 * What the user allowed for good, per folder, re-injected as config on every spawn:
 * - "Always allow" answers: opencode keeps them only in the server process that got them, so we
 *   keep them for this window's lifetime and a respawn (idle stop, crash) does not forget them;
 * - "Always allow in this folder (saved)": kept in workspace state (never in a committed file), so
 *   they outlive the window; listable and removable by the user.
 */
export class GrantStore {
  readonly #window = new Map<string, Grant[]>();
  constructor(private readonly memento?: GrantMemento) {}

  add(folder: string, grant: Grant): void {
    const list = this.#window.get(folder) ?? [];
    if (!list.some(g => same(g, grant))) list.push(copy(grant));
    this.#window.set(folder, list);
  }

  async save(folder: string, grant: Grant): Promise<void> {
    const all = this.#saved();
    const list = all[folder] ?? [];
    if (!list.some(g => same(g, grant))) list.push(copy(grant));
    await this.memento?.update(savedKey, { ...all, [folder]: list });
  }

  saved(folder: string): readonly Grant[] { return this.#saved()[folder] ?? []; }

  /** This window's "Always allow" answers for the folder. */
  window(folder: string): readonly Grant[] { return this.#window.get(folder) ?? []; }

  async removeSaved(folder: string, grant: Grant): Promise<void> {
    const all = this.#saved();
    const list = (all[folder] ?? []).filter(g => !same(g, grant));
    const next = { ...all, [folder]: list };
    if (!list.length) delete next[folder];
    await this.memento?.update(savedKey, next);
  }

  /** Everything to inject for the folder: saved approvals first, then this window's. */
  of(folder: string): readonly Grant[] {
    return [...this.saved(folder), ...this.window(folder)];
  }

  #saved(): Saved {
    const raw = this.memento?.get<unknown>(savedKey);
    // Workspace state is ours, but it outlives versions of this code: keep only well-formed grants.
    if (!raw || typeof raw !== "object") return {};
    const out: Saved = {};
    for (const [folder, list] of Object.entries(raw as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      out[folder] = list.filter((g): g is Grant => !!g && typeof g.permission === "string" && Array.isArray(g.patterns) && g.patterns.every((p: unknown) => typeof p === "string"));
    }
    return out;
  }
}

const same = (a: Grant, b: Grant) => a.permission === b.permission && a.patterns.length === b.patterns.length && a.patterns.every((p, i) => p === b.patterns[i]);
const copy = (g: Grant): Grant => ({ permission: g.permission, patterns: [...g.patterns] });
