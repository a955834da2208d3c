import type { Action } from "../protocol/reducer";
import { whyAllowed, type RuleSources } from "../server/whyAllowed";

/** What the extension saw of a tool call's ask before the call ended. */
type Seen = "user" | "runPolicy" | "autoApprove";
type Label = { sessionID: string; text: string };

/** Enough for the tool cards of a long window; the oldest labels go first. */
const maxLabels = 2000;

/**
 * Why each tool call of this window ran without asking the user, per folder (keyed by its path):
 * the asks seen are recorded by call as they arrive or are answered by the extension itself, and
 * when a call ends unasked its label is worked out from the rules (whyAllowed). Calls that ended
 * before this window are not labelled: whether they were asked is not known.
 */
export class WhyRanBook {
  readonly #seen = new Map<string, Map<string, Seen>>();
  readonly #labels = new Map<string, Map<string, Label>>();

  /** An ask for the call reached the user (`user`), or was answered by a run or by auto-approve. */
  saw(folder: string, callID: string | undefined, how: Seen): void {
    if (!callID) return;
    const seen = this.#of(this.#seen, folder);
    if (seen.get(callID) !== "user") seen.set(callID, how);
  }

  /** A tool part's update: when it ended, label it. True when a label was added. */
  onAction(folder: string, root: string, action: Action, rules: () => RuleSources): boolean {
    if (action.kind !== "event" || action.event.type !== "message.part.updated") return false;
    const part = action.event.properties.part;
    if (part.type !== "tool" || (part.state.status !== "completed" && part.state.status !== "error")) return false;
    const labels = this.#of(this.#labels, folder);
    const seen = this.#seen.get(folder)?.get(part.callID);
    this.#seen.get(folder)?.delete(part.callID);
    if (labels.has(part.callID) || seen === "user") return false;
    const text = seen === "runPolicy" ? "the run's own-folder policy" : seen === "autoApprove" ? "auto-approve edits" : whyAllowed(part.tool, part.state.input, root, rules());
    if (!text) return false;
    labels.set(part.callID, { sessionID: part.sessionID, text });
    if (labels.size > maxLabels) labels.delete(labels.keys().next().value!);
    return true;
  }

  /** Labels of the calls of the given sessions, by call id. */
  labels(folder: string, sessionIDs: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [callID, l] of this.#labels.get(folder) ?? []) if (sessionIDs.includes(l.sessionID)) out[callID] = l.text;
    return out;
  }

  drop(folder: string): void { this.#seen.delete(folder); this.#labels.delete(folder); }

  #of<T>(m: Map<string, Map<string, T>>, folder: string): Map<string, T> {
    let inner = m.get(folder);
    if (!inner) m.set(folder, (inner = new Map()));
    return inner;
  }
}
