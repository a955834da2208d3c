import { delay } from "../../common/async";
import type { OpencodeApi } from "../../protocol/api";

export type InstanceApi = Pick<OpencodeApi, "status" | "disposeInstance" | "directory">;

/** What to do about a folder whose sessions are busy when new credentials arrive. */
export type BusyChoice = "now" | "afterTurn" | undefined;

/**
 * A running opencode instance keeps the credentials it loaded (a stored key reaches the next model
 * request only after `POST /instance/dispose`), and every folder's server reads the same auth store.
 * So each running folder is disposed, but never under a running turn unless the user says so:
 * "afterTurn" waits until none of its sessions is busy. Disposing ends the folder's event stream;
 * the extension reconnects it and re-reads the state. Returns the folders left as they were
 * (the wait was cancelled, or the user chose nothing).
 */
export async function applyCredentials(folders: InstanceApi[], o: {
  askWhenBusy(directory: string, busySessions: number): Promise<BusyChoice>;
  signal?: AbortSignal;
  pollMs?: number;
}): Promise<string[]> {
  const skipped: string[] = [];
  await Promise.all(folders.map(async api => {
    const busy = Object.keys(await api.status()).length;
    const choice = busy ? await o.askWhenBusy(api.directory, busy) : "now";
    if (choice === undefined) return void skipped.push(api.directory);
    if (choice === "afterTurn" && !await idle(api, o.signal, o.pollMs ?? 1_000)) return void skipped.push(api.directory);
    await api.disposeInstance();
  }));
  return skipped;
}

/** Waits until the folder has no busy session; false if cancelled first. */
async function idle(api: InstanceApi, signal: AbortSignal | undefined, pollMs: number): Promise<boolean> {
  // `GET /session/status` lists only sessions that are not idle.
  while (Object.keys(await api.status()).length) {
    try { await delay(pollMs, signal); } catch { return false; }
  }
  return true;
}
