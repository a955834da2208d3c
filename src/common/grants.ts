import type { Grant } from "../server/opencodeConfig";

/**
 * "Always allow" answers live only in the opencode process that got them. We keep them for the
 * window's lifetime, per folder, and re-inject them as config on every respawn (idle stop, crash).
 */
export class GrantStore {
  #byFolder = new Map<string, Grant[]>();
  add(folder: string, grant: Grant): void {
    const list = this.#byFolder.get(folder) ?? [];
    list.push({ permission: grant.permission, patterns: [...grant.patterns] });
    this.#byFolder.set(folder, list);
  }
  of(folder: string): readonly Grant[] { return this.#byFolder.get(folder) ?? []; }
}
