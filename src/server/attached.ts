import { Emitter } from "../common/emitter";
import type { Endpoint } from "../protocol/http";
import { waitHealthAnswer } from "../protocol/health";
import type { ServerState } from "./supervisor";
import { errorText } from "../common/errorText";
import { parseVersion, supportOf } from "./version";
import { notOpencode1Text, unsupportedServerText } from "./versionAdvice";

/** The server at opencode.serverUrl answers, but is no opencode this extension can speak to. */
export class UnsupportedServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedServerError";
  }
}

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
      const version = await checkedVersion(ep);
      this.#set({ kind: "running", endpoint: ep, version, pid: 0 });
      return ep;
    } catch (err) {
      const error = err instanceof UnsupportedServerError ? err.message : `cannot reach the server at opencode.serverUrl: ${errorText(err)}`;
      this.#set({ kind: "crashed", error, outputTail: "" });
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

/** The server's version, once its health check shows an opencode 1.x in the supported range. */
async function checkedVersion(ep: Endpoint): Promise<string> {
  const health = await waitHealthAnswer(ep, 5_000);
  if (health.kind === "other") throw new UnsupportedServerError(notOpencode1Text(ep.baseUrl, health.answered));
  const version = parseVersion(health.version);
  if (!version) throw new UnsupportedServerError(notOpencode1Text(ep.baseUrl, `a version of ${JSON.stringify(health.version.slice(0, 40))}`));
  const support = supportOf(version);
  if (support === "tooOld" || support === "nextMajor") throw new UnsupportedServerError(unsupportedServerText(health.version, ep.baseUrl));
  return health.version;
}
