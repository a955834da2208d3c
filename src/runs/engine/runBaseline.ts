import * as fs from "node:fs";
import * as path from "node:path";
import { baselineFromSnapshot } from "../../review/engine/patchBaseline";
import type { FileDiff } from "../../protocol/session";

/** What this needs of OpencodeClient. */
export type SnapshotSource = {
  messages(sessionID: string): Promise<{ info: { id?: unknown; role?: unknown; path?: unknown } }[]>;
  diff(sessionID: string, messageID: string): Promise<FileDiff[]>;
};

export type RunBaseline = { known: true; baseline: string | undefined } | { known: false; why: string };

/**
 * A file's text before a run, read back from opencode: the snapshot diff of the run's first turn
 * (its patches carry the whole file). For a run whose baselines the extension no longer holds, as
 * after a window reload. Known only where opencode takes snapshots (a git repository), and while
 * the change can still be traced in the file as it is now. `baseline` undefined: the run created it.
 */
export async function runBaseline(client: SnapshotSource, sessionID: string, file: string, directory: string): Promise<RunBaseline> {
  const messages = await client.messages(sessionID);
  const first = messages.find(m => m.info.role === "user")?.info.id;
  if (typeof first !== "string") return { known: false, why: "the run's session has no prompt left" };
  // Snapshot paths are relative to the repository root, which may lie above the folder.
  const root = messages.map(m => m.info.path as { root?: unknown } | undefined).find(p => typeof p?.root === "string")?.root as string | undefined;
  const diffs = await client.diff(sessionID, first);
  const change = diffs.find(d => path.resolve(root ?? directory, d.file) === file);
  if (!change) return { known: false, why: diffs.length ? "opencode's snapshot of the run does not include it" : "opencode keeps no snapshot of the run (it takes them in git repositories only)" };
  if (change.status === "added") return { known: true, baseline: undefined };
  const baseline = change.patch === undefined ? undefined : baselineFromSnapshot(change.patch, readOrUndefined(file));
  return baseline === undefined ? { known: false, why: "the file has changed too much since the run to trace the run's change in it" } : { known: true, baseline };
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
