// The panel header: folder (multi-root), session, server/connection state, run state, and the
// model and agent the next prompt uses. Every control is a real button, so Tab reaches them all.
import type { JSX } from "preact";
import type { PanelInfo } from "../src/shared/messages";
import { post } from "./host";
import { busy, currentSession, sessionTick, status, view } from "./store";
import { compactCount as compact } from "../src/shared/numbers";
import { modelChip } from "./modelLine";
import { SessionTotals } from "./sessionTotals";

function connection(p: PanelInfo): { kind: string; text: string } {
  if (p.server.kind !== "running") return { kind: p.server.kind, text: `Server ${p.server.kind}` };
  if (p.connection && p.connection !== "connected") return { kind: p.connection, text: p.connection === "closed" ? "Disconnected" : `${p.connection[0].toUpperCase()}${p.connection.slice(1)}…` };
  return { kind: "running", text: "Connected" };
}

/** Tokens the last reply sent and got back: roughly what the next prompt carries as context. */
function contextTokens(): number | undefined {
  const last = currentSession()?.messages.findLast(m => m.info.role === "assistant" && m.info.tokens.input > 0);
  if (!last || last.info.role !== "assistant") return undefined;
  const t = last.info.tokens;
  return t.input + t.output + t.cache.read + t.cache.write;
}

/** How full the model's context window is: the next turn carries all of it, and opencode compacts near the end. */
function ContextUsage({ used, limit, sessionID }: { used: number; limit?: number; sessionID?: string }): JSX.Element {
  if (!limit) return <span class="ctx muted" title="Tokens in the last reply's context">{compact(used)} ctx</span>;
  const pct = Math.min(100, Math.round((used / limit) * 100));
  const level = pct >= 90 ? " ctx-full" : pct >= 70 ? " ctx-high" : "";
  return (
    <>
      <span class={`ctx muted${level}`} role="meter" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}
        aria-label={`Context ${pct}% used`} title={`Context: ${used.toLocaleString()} of ${limit.toLocaleString()} tokens (${pct}%)`}>
        <span class="ctx-bar" aria-hidden="true"><span style={{ width: `${pct}%` }} /></span>{pct}% ctx
      </span>
      {/* Near the end of the window the next turns lose the oldest context: offer the summary first. */}
      {pct >= 90 && sessionID && !busy.value && (
        <button type="button" class="chip-button ctx-compact" title="Summarize the conversation so far to free the context window"
          aria-label="Compact the session" onClick={() => post({ type: "compactSession", sessionID })}>Compact</button>
      )}
    </>
  );
}

export function Header({ p }: { p: PanelInfo }): JSX.Element {
  sessionTick.value;
  const session = currentSession();
  const title = session?.info?.title || (view.value ? "Untitled session" : "New session");
  const folder = p.folders.find(f => f.path === p.folder);
  const conn = connection(p);
  const s = status.value;
  const ctx = contextTokens();
  const parent = view.value?.parentID;
  const chip = modelChip(p.answering, p.model);
  return (
    <header class="header">
      <div class="header-row">
        {p.folders.length > 1 && (
          <button type="button" class="chip-button folder" title={`Folder: ${p.folder ?? "none"} (change)`} aria-label={`Folder ${folder?.name ?? "none"}, change folder`}
            onClick={() => post({ type: "pickFolder" })}>{folder?.name ?? "Choose folder"}</button>
        )}
        {parent && (
          <button type="button" class="chip-button" title="Back to the parent session" aria-label="Back to the parent session"
            onClick={() => post({ type: "openSession", sessionID: parent })}>↑ Parent</button>
        )}
        <button type="button" class="title" title="Switch session" aria-label={`Session: ${title}, switch session`}
          onClick={() => post({ type: "pickSession" })}>{title}</button>
        <button type="button" class="chip-button" title="Start a new session" aria-label="New session" onClick={() => post({ type: "newSession" })}>+ New</button>
      </div>
      <div class="header-row sub">
        <span class={`dot dot-${conn.kind}`} aria-hidden="true" />
        <span class="conn" title={p.server.detail || conn.text}>{conn.text}</span>
        {busy.value && (
          <span class="busy" role="status"><span class="spinner" aria-hidden="true" />{s.type === "retry" ? "Retrying" : "Working"}</span>
        )}
        <span class="spacer" />
        <SessionTotals session={session} />
        {ctx !== undefined && <ContextUsage used={ctx} limit={p.contextLimit} sessionID={view.value?.sessionID} />}
        <button type="button" class={`chip-button model-chip${chip.warn ? " warn" : ""}`} title={chip.title} aria-label={`Model: ${chip.text}, change model`}
          onClick={() => post({ type: "pickModel" })}>{chip.text}</button>
        <button type="button" class="chip-button" title="Choose the agent for the next prompt" aria-label={`Agent: ${p.agent ?? "default"}, change agent`}
          onClick={() => post({ type: "pickAgent" })}>{p.agent ?? "Default agent"}</button>
        <button type="button" class="chip-button" title="Connect or disconnect model providers" aria-label="Manage providers"
          onClick={() => post({ type: "manageProviders" })}>Providers…</button>
      </div>
    </header>
  );
}

