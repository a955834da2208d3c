import { HttpError, ServerStartError, TimeoutError } from "../common/errors";
import { errorText } from "../common/errorText";
import { OpencodeNotFoundError } from "./binary";

/** Pure: one sentence a user can act on, for any error the lower layers throw. */
export function toUserMessage(err: unknown): string {
  if (err instanceof OpencodeNotFoundError) {
    return `opencode is not installed or not found (${err.tried.map(t => `${t.source}: ${t.problem}`).join("; ")}). Install it or set opencode.path.`;
  }
  if (err instanceof ServerStartError) {
    const tail = err.outputTail.split("\n").filter(Boolean).slice(-3).join(" | ");
    return `The opencode server did not start: ${err.message}${tail ? `. Last output: ${tail}` : ""}`;
  }
  if (err instanceof HttpError) {
    if (err.status === 401) return "The opencode server refused our credentials (HTTP 401). For opencode.serverUrl, set the password with \"opencode: Set Server Password\".";
    return `The opencode server answered ${err.endpoint} with HTTP ${err.status}.`;
  }
  if (err instanceof TimeoutError) return `The opencode server did not answer in time: ${err.message}.`;
  return errorText(err);
}
