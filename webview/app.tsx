// The panel: header, banner, then either the empty state or the conversation, the session's
// status, the held prompts and the composer.
import type { JSX } from "preact";
import type { EmptyState } from "../src/shared/messages";
import { LiveRegion } from "./announce";
import { Composer } from "./composer";
import { Header } from "./header";
import { post } from "./host";
import { MessageList } from "./messageList";
import { Queue } from "./queue";
import { StatusArea } from "./statusArea";
import { panel } from "./store";

function Empty({ e }: { e: EmptyState }): JSX.Element {
  return (
    <div class={`empty empty-${e.kind}`}>
      <p>{e.message}</p>
      {e.action && <button type="button" class="primary" onClick={() => post({ type: "runCommand", command: e.action!.command })}>{e.action.label}</button>}
    </div>
  );
}

export function App(): JSX.Element {
  const p = panel.value;
  if (!p) return <div class="loading muted">Loading…</div>;
  // "noSession" still takes a prompt: sending creates the session.
  const canPrompt = !p.empty || p.empty.kind === "noSession";
  return (
    <div class="app">
      <Header p={p} />
      {p.banner && <div class="banner" role="status">{p.banner}</div>}
      {p.empty ? <Empty e={p.empty} /> : <MessageList />}
      {!p.empty && <StatusArea />}
      <Queue queue={p.queue} />
      {canPrompt && <Composer />}
      <LiveRegion />
    </div>
  );
}
