// A minimal transcript: each message's text parts through <Markdown>. A stand-in until the chat UI
// (built separately) replaces it; it exists so the markdown pipeline runs in the real webview and
// its bench tests drive it with ordinary host `state` messages, not test-only hooks.
import type { SessionView } from "../src/shared/messages";
import { Markdown } from "./markdown";

export function Transcript({ view }: { view: SessionView }) {
  return (
    <section class="transcript" aria-label="Conversation">
      {view.session.messages.map(m => (
        <article key={m.info.id} class={`message ${m.info.role}`}>
          {m.parts.map(p => p.type === "text"
            ? <Markdown key={p.id} text={p.text} streaming={m.info.role === "assistant" && m.info.time.completed === undefined} />
            : null)}
        </article>
      ))}
    </section>
  );
}
