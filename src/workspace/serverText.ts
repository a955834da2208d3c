// Pure wording of server and connection states, shared by the status bar and the chat panel.
import type { ServerState } from "../server/supervisor";
import type { ConnectionState } from "../conversation/eventStream";

/** Pure: what the item says for a state. */
export function describeState(s: ServerState): string {
  switch (s.kind) {
    case "stopped": return `stopped${s.reason ? ` (${s.reason})` : ""}`;
    case "starting": return "starting…";
    case "running": return `running, opencode ${s.version}`;
    case "crashed": return `${s.error}${s.restartInMs !== undefined ? `; restarting in ${Math.round(s.restartInMs / 100) / 10} s` : ""}`;
    case "stopping": return "stopping…";
  }
}

/** Pure: the event stream's state, for the tooltip. */
export function describeConnection(c: ConnectionState): string {
  switch (c.kind) {
    case "connecting": return "connecting…";
    case "connected": return "connected";
    case "reconnecting": return `reconnecting (attempt ${c.attempt}, ${c.lastError})`;
    case "closed": return "closed";
  }
}
