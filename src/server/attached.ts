import { Emitter } from "../common/emitter";
import { waitHealthy, type Endpoint } from "../protocol/http";
import type { ServerState } from "./supervisor";
import { errorText } from "../common/errorText";

/**
 * A server the user runs themselves (`opencode.serverUrl`): same client, no lifecycle ownership.
 * "Stop" only disconnects; nothing is ever spawned or killed.
 */
export class AttachedServer {
  #state: ServerState = { kind: "stopped" };
  readonly #changed = new Emitter<ServerState>();
  readonly onDidChangeState = this.#changed.event;
  /** Its environment and config are the user's: a run sends every ask of it to the user. */
  readonly attached = true;

  constructor(readonly folder: string, private readonly endpoint: () => Promise<Endpoint>) {}

  get state(): ServerState { return this.#state; }

  async ensureRunning(): Promise<Endpoint> {
    if (this.#state.kind === "running") return this.#state.endpoint;
    this.#set({ kind: "starting" });
    try {
      const ep = await this.endpoint();
      const health = await waitHealthy(ep, 5_000);
      this.#set({ kind: "running", endpoint: ep, version: health.version, pid: 0 });
      return ep;
    } catch (err) {
      this.#set({ kind: "crashed", error: `cannot reach the server at opencode.serverUrl: ${errorText(err)}`, outputTail: "" });
      throw err;
    }
  }

  hold(): { dispose(): void } { return { dispose: () => {} }; }
  touch(): void {}
  async stop(): Promise<void> { this.#set({ kind: "stopped", reason: "disconnected" }); }
  async restart(): Promise<Endpoint> { await this.stop(); return this.ensureRunning(); }
  async dispose(): Promise<void> { await this.stop(); this.#changed.dispose(); }

  #set(s: ServerState): void { this.#state = s; this.#changed.fire(s); }
}
