// The one way out of the webview: main.ts hands over acquireVsCodeApi's postMessage (which may be
// acquired only once per page), and every component posts through `post`.
import type { SavedState, WebviewMessage } from "../src/shared/messages";
import { screenProblem } from "../src/shared/hostCheck";

type Api = { postMessage(m: WebviewMessage): void; getState(): unknown; setState(s: unknown): void };
let api: Api | undefined;

export function connectHost(a: Api): void {
  api = a;
}

export function post(m: WebviewMessage): void {
  api?.postMessage(m);
}

/**
 * What was saved before a hide or reload. Older builds saved other shapes, and the saved screen
 * holds model output kept in VS Code's storage: keep only what fits, like a host message.
 */
export function savedState(): SavedState | undefined {
  const s = api?.getState() as Record<string, unknown> | null | undefined;
  if (!s || typeof s !== "object") return undefined;
  const out: SavedState = {};
  if (typeof s.folder === "string" && s.folder) out.folder = s.folder;
  if (typeof s.sessionID === "string" && s.sessionID) out.sessionID = s.sessionID;
  if (s.screen !== undefined) {
    const problem = screenProblem(s.screen);
    if (problem) console.warn(`opencode: not restoring the saved conversation (${problem})`);
    else if ((s.screen as NonNullable<SavedState["screen"]>).view.sessionID === out.sessionID) out.screen = s.screen as SavedState["screen"];
  }
  return out.folder || out.sessionID ? out : undefined;
}

export function saveState(s: SavedState): void {
  api?.setState(s);
}
