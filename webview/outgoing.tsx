// The prompt just sent, until opencode records it (the conversation then shows it as a message):
// its text and what it waits for, so a slow first start never looks like a lost prompt.
import type { JSX } from "preact";
import type { PanelInfo } from "../src/shared/messages";

export function Outgoing({ s }: { s: NonNullable<PanelInfo["sending"]> }): JSX.Element {
  return (
    <section class="outgoing" aria-label="Your message, being sent">
      <div class="msg user">
        <div class="user-text">{s.text || "(attachments only)"}</div>
      </div>
      <div class="muted working" role="status">{s.step}</div>
    </section>
  );
}
