import type { AttachedServer } from "../server/attached";
import type { ServerSupervisor } from "../server/supervisor";

/** A folder's server: one we spawn and supervise, or one the user runs (`opencode.serverUrl`). */
export type ServerHandle = ServerSupervisor | AttachedServer;
