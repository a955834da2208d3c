import { delay } from "../../common/async";
import { errorText } from "../../common/errorText";
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
 * (the wait was cancelled, the user chose nothing, or the server did not answer).
 */
export async function applyCredentials(folders: InstanceApi[], o: {
  askWhenBusy(directory: string, busySessions: number): Promise<BusyChoice>;
  signal?: AbortSignal;
  pollMs?: number;
}): Promise<{ directory: string; why: string }[]> {
  const skipped: { directory: string; why: string }[] = [];
  const skip = (directory: string, why: string) => void skipped.push({ directory, why });
  await Promise.all(folders.map(async api => {
    try {
      const busy = Object.keys(await api.status()).length;
      const choice = busy ? await o.askWhenBusy(api.directory, busy) : "now";
      if (choice === undefined) return skip(api.directory, "a turn was running and no reload was chosen");
      if (choice === "afterTurn" && !await idle(api, o.signal, o.pollMs ?? 1_000)) return skip(api.directory, "the wait for the running turn was cancelled");
      await api.disposeInstance();
    } catch (err) {
      // A server that stopped or failed meanwhile: the credentials are stored, it reads them when it starts again.
      skip(api.directory, errorText(err));
    }
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
