// The panel: header, banner, then either the empty state or the conversation, the prompt being
// sent, the session's status, the pending asks, the held prompts, the changes to review, the
// auto-approve switch and the composer.
import type { JSX } from "preact";
import type { EmptyState, PanelAsk } from "../src/shared/messages";
import { LiveRegion } from "./announce";
import { Asks } from "./asks";
import { AutoApprove } from "./autoApprove";
import { Composer } from "./composer";
import { Header } from "./header";
import { ModelLine } from "./modelLine";
import { post } from "./host";
import { MessageList } from "./messageList";
import { Outgoing } from "./outgoing";
import { Queue } from "./queue";
import { ReviewBar } from "./reviewBar";
import { StatusArea } from "./statusArea";
import { panel, view } from "./store";

function Empty({ e }: { e: EmptyState }): JSX.Element {
  return (
    <div class={`empty empty-${e.kind}`}>
      <p>{e.message}</p>
      {e.action && <button type="button" class="primary" onClick={() => post({ type: "runCommand", command: e.action!.command })}>{e.action.label}</button>}
    </div>
  );
}

/** One empty list, so a panel without asks does not re-run the ask list's effects. */
const noAsks: PanelAsk[] = [];

export function App(): JSX.Element {
  const p = panel.value;
  if (!p) return <div class="loading muted">Loading…</div>;
  // "noSession" still takes a prompt: sending creates the session.
  const canPrompt = !p.empty || p.empty.kind === "noSession";
  return (
    <div class="app">
      <Header p={p} />
      {p.banner && <div class="banner" role="status">{p.banner}</div>}
      {/* A new conversation's first prompt replaces the invitation at once; an error stays in view. */}
      {p.empty ? (p.sending && p.empty.kind === "noSession" ? <div class="list-empty" /> : <Empty e={p.empty} />) : <MessageList />}
      {p.sending && <Outgoing s={p.sending} />}
      {/* Before the first prompt (and whenever the next one cannot work): who answers, and the way out. */}
      {(p.empty?.kind === "noSession" || (p.answering?.problem && !p.empty)) && <ModelLine line={p.answering} />}
      {!p.empty && <StatusArea />}
      <Asks asks={p.asks ?? noAsks} />
      <Queue queue={p.queue} />
      {p.review && <ReviewBar files={p.review.files} hunks={p.review.hunks} />}
      {/* The switch acts on the session in view, through the running server. */}
      {view.value && p.server.kind === "running" && <AutoApprove on={!!p.autoApproveEdits} />}
      {canPrompt && <Composer />}
      <LiveRegion />
    </div>
  );
}
