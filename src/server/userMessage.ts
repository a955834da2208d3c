import { HttpError, ServerStartError, TimeoutError } from "../common/errors";
import { errorText } from "../common/errorText";
import { OpencodeNotFoundError, OpencodeUnusableError } from "./binary";
import { installCommand, unsupportedBinaryText } from "./versionAdvice";

/** Pure: one sentence a user can act on, for any error the lower layers throw. */
export function toUserMessage(err: unknown): string {
  if (err instanceof OpencodeNotFoundError) {
    const tried = err.tried.map(t => `${t.source}${t.source === "opencode.path" ? ` (${t.path})` : ""}: ${t.problem}`).join("; ");
    return `opencode is not installed or not found (${tried}). Install it (\`${installCommand}\`) or set opencode.path.`;
  }
  if (err instanceof OpencodeUnusableError) {
    // Installing would not help: say what the candidate did instead.
    const t = err.first, where = `${t.path ?? "opencode"} (${t.source})`;
    switch (t.kind) {
      case "timed out": return `${where} did not answer in time (${t.problem}); the machine may be busy. Start the server again, or check opencode.path.`;
      case "not opencode": return `${where} is not opencode: it ${t.problem}. Set opencode.path to opencode's executable.`;
      case "unsupported version": return unsupportedBinaryText(t.version ?? "?", where);
      case "bad path": return `opencode.path "${t.path}" is not an absolute path: set it to the full path of opencode's executable (~/… counts as one).`;
      default: return `${where} failed to run: ${t.problem}. Check it, or set opencode.path to another executable.`;
    }
  }
  if (err instanceof ServerStartError) return `The opencode server did not start: ${withOutput(err.message, err.outputTail)}`;
  if (err instanceof HttpError) {
    if (err.status === 401) return "The opencode server refused our credentials (HTTP 401). For opencode.serverUrl, set the password with \"opencode: Set Server Password\".";
    return `The opencode server answered ${err.endpoint} with HTTP ${err.status}.`;
  }
  if (err instanceof TimeoutError) return `The opencode server did not answer in time: ${err.message}.`;
  return errorText(err);
}

/** Pure: why the server stopped, with the last lines it printed (opencode says there what went wrong). */
export function withOutput(why: string, outputTail: string): string {
  const tail = outputTail.split("\n").filter(Boolean).slice(-3).join(" | ");
  return `${why}${tail ? `. Last output: ${tail}` : ""}`;
}
