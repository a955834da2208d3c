import type { Disposer } from "../common/lifecycle";
import type { Action } from "../protocol/reducer";
import type { FolderSession } from "./folderSession";
import type { Event } from "../common/emitter";
import type { ServerState } from "../server/supervisor";
import type { PendingAsks } from "./asks";

/**
 * Asks live in the server process only: when a running server goes (crash, kill, stop, restart),
 * its pending asks expire at once and say so, rather than vanishing at the next sweep as "gone".
 */
export function expireAsksWithServer(asks: PendingAsks, server: { state: ServerState; onDidChangeState: Event<ServerState> }): Disposer {
  let wasRunning = server.state.kind === "running";
  return server.onDidChangeState(s => {
    if (wasRunning && s.kind !== "running") asks.expireAll();
    wasRunning = s.kind === "running";
  });
}

/**
 * What keeps a folder's server from its idle stop: each pending ask, and any busy session (a turn
 * may run far longer than the idle time without an ask). An idle open chat holds nothing: it only
 * reads, and reconnects when the server is back. `hold` takes one hold; the result releases all.
 */
export function holdWhileNeeded(session: FolderSession, hold: () => Disposer): Disposer {
  const askHolds = new Map<string, Disposer>();
  let busyHold: Disposer | undefined;
  const subs = [
    session.asks.onDidAdd(a => askHolds.set(a.ask.id, hold())),
    session.asks.onDidSettle(({ id }) => { askHolds.get(id)?.dispose(); askHolds.delete(id); }),
    session.onDidChange(action => {
      if (!changesStatus(action)) return;
      const busy = Object.values(session.state.sessions).some(s => s.status.type !== "idle");
      if (busy && !busyHold) busyHold = hold();
      else if (!busy && busyHold) { busyHold.dispose(); busyHold = undefined; }
    }),
  ];
  return {
    dispose: () => {
      subs.forEach(s => s.dispose());
      askHolds.forEach(h => h.dispose());
      askHolds.clear();
      busyHold?.dispose();
      busyHold = undefined;
    },
  };
}

/** Only status changes can change "busy"; deltas (thousands a turn) skip the walk over sessions. */
function changesStatus(action: Action): boolean {
  if (action.kind === "statuses" || action.kind === "sessions") return true;
  if (action.kind !== "event") return false;
  const t = action.event.type;
  return t === "session.status" || t === "session.idle" || t === "session.deleted";
}
