import type { Event } from "../common/emitter";
import type { Endpoint } from "../protocol/http";
import type { ServerState } from "./supervisor";

/**
 * The endpoint once the server is running, without starting it. A folder's event stream connects
 * through this, so that after an idle stop it waits for the next real use instead of restarting
 * the server itself.
 */
export function whenRunning(server: { state: ServerState; onDidChangeState: Event<ServerState> }): Promise<Endpoint> {
  const s = server.state;
  if (s.kind === "running") return Promise.resolve(s.endpoint);
  return new Promise(resolve => {
    const sub = server.onDidChangeState(next => {
      if (next.kind !== "running") return;
      sub.dispose();
      resolve(next.endpoint);
    });
  });
}
