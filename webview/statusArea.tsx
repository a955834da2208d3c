// Below the conversation: what the session as a whole is doing. A provider retry with a countdown,
// the turn's error when no message shows it, and the way back out of a revert.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { SessionStatus } from "../src/protocol/session";
import { ErrorBlock } from "./assistantMessage";
import { post } from "./host";
import { busy, currentSession, revertID, sessionTick, status } from "./store";

/** The one timer the panel runs when idle-looking: only while a retry is on screen, one tick per second. */
function Countdown({ next }: { next: number }): JSX.Element {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (now >= next) return undefined;
    const t = setTimeout(() => setNow(Date.now()), Math.min(1000, next - now));
    return () => clearTimeout(t);
  }, [now, next]);
  const secs = Math.max(0, Math.ceil((next - now) / 1000));
  return <span class="countdown">{secs > 0 ? `retrying in ${secs}s` : "retrying now"}</span>;
}

function Retry({ s }: { s: Extract<SessionStatus, { type: "retry" }> }): JSX.Element {
  return (
    <div class="retry-status" role="status">
      <span class="st st-running" aria-hidden="true" /> Attempt {s.attempt} failed{s.message ? `: ${s.message}` : ""}. <Countdown next={s.next} />
    </div>
  );
}

export function StatusArea(): JSX.Element | null {
  sessionTick.value;
  const s = status.value;
  const session = currentSession();
  const lastInfo = session?.messages.at(-1)?.info;
  // The last assistant message shows its own error (with Retry); show the session's only if it does not.
  const shownByMessage = lastInfo?.role === "assistant" && lastInfo.error !== undefined;
  const error = !busy.value && session?.lastError && !shownByMessage ? session.lastError : undefined;
  const rev = revertID.value;
  if (s.type !== "retry" && !error && !rev) return null;
  return (
    <div class="status-area">
      {s.type === "retry" && <Retry s={s} />}
      {error && <ErrorBlock error={error} canRetry />}
      {rev && (
        <div class="revert-banner" role="status">
          <span>Reverted: the dimmed messages are undone and go away with the next prompt.</span>
          <button type="button" class="small" title="Restore the reverted messages and file changes" disabled={busy.value}
            onClick={() => post({ type: "messageAction", action: "unrevert", messageID: rev })}>Unrevert</button>
        </div>
      )}
    </div>
  );
}
