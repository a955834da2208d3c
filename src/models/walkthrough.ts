import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { isModelCheckSession } from "./engine/checkModel";
import type { ServerPool } from "../workspace/serverPool";
import type { ModelStatus } from "./modelStatus";

/**
 * The context keys the "Get started with opencode" walkthrough completes its steps on, each set
 * the moment the user really did the step (VS Code remembers a completed step itself):
 * opencode was found (a server ran), a provider beyond opencode's built-in one is connected, and a
 * prompt got an answer (a chat turn or a run: both are turns of the folder's sessions).
 */
export const walkthroughKeys = {
  opencodeFound: "opencode.walkthrough.opencodeFound",
  providerConnected: "opencode.walkthrough.providerConnected",
  taskAnswered: "opencode.walkthrough.taskAnswered",
} as const;

export class WalkthroughProgress extends Disposable {
  readonly #done = new Set<string>();

  constructor(pool: ServerPool, models: ModelStatus) {
    super();
    this.register(pool.onDidChange(folder => { if (pool.stateOf(folder).kind === "running") this.#set(walkthroughKeys.opencodeFound); }));
    this.register(models.onDidChange(folder => { if (models.hasOwnProvider(folder)) this.#set(walkthroughKeys.providerConnected); }));
    this.register(pool.onDidCreateSession(({ session, scope }) => {
      scope.register(session.onDidChange(a => {
        if (a.kind !== "event" || a.event.type !== "message.updated") return;
        const info = a.event.properties.info;
        if (info.role !== "assistant" || !info.time.completed || info.error || info.finish === "tool-calls") return;
        // A model check is not the user's task.
        if (isModelCheckSession(session.state.sessions[info.sessionID]?.info?.title)) return;
        this.#set(walkthroughKeys.taskAnswered);
      }));
    }));
  }

  /** Which keys were set in this window (the integration test reads them). */
  get done(): string[] { return [...this.#done]; }

  #set(key: string): void {
    if (this.#done.has(key)) return;
    this.#done.add(key);
    void vscode.commands.executeCommand("setContext", key, true);
  }
}
