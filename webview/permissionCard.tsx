// One pending permission ask, answered in the panel with the same choices as its native picker.
// Everything shown comes from the model (commands, paths, URLs): rendered as text, never as HTML.
import type { JSX } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { PanelAsk } from "../src/shared/messages";
import { post } from "./host";

export type PermissionAsk = Extract<PanelAsk, { kind: "permission" }>;

/** The heading, marker and "in a sub-agent" chip that both kinds of card share. */
export function AskHead({ id, mark, text, sub }: { id: string; mark: string; text: string; sub: boolean }): JSX.Element {
  return (
    <div class="ask-head">
      <span class="ask-mark" aria-hidden="true">{mark}</span>
      <span class="ask-title" id={id}>{text}</span>
      {sub && <span class="ask-sub" title="Asked by a sub-agent's session, not the one in view">in a sub-agent</span>}
    </div>
  );
}

/**
 * After an answer the card waits for the host to drop the ask (it may have been answered natively
 * already, and the host replies at most once). Focus moves to the card itself: the clicked button
 * is now disabled, and focus left on it would fall to the page.
 */
export function useSending(card: { current: HTMLElement | null }): [boolean, () => void] {
  const [sending, setSending] = useState(false);
  return [sending, () => { setSending(true); card.current?.focus(); }];
}

export function Sending(): JSX.Element {
  return <span class="ask-sending" role="status"><span class="spinner" aria-hidden="true" />Sending…</span>;
}

function Feedback({ disabled, onSend, onCancel }: { disabled: boolean; onSend: (text: string) => void; onCancel: () => void }): JSX.Element {
  const [text, setText] = useState("");
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => area.current?.focus(), []);
  const empty = !text.trim();
  return (
    <div class="ask-feedback">
      <textarea ref={area} rows={2} value={text} disabled={disabled} aria-label="Feedback for the agent (sent with the rejection)"
        placeholder="Tell the agent what to do instead (Enter sends, Shift+Enter new line, Escape cancels)"
        onInput={e => setText(e.currentTarget.value)}
        onKeyDown={e => {
          if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); onCancel(); }
          else if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); if (!empty) onSend(text.trim()); }
        }} />
      <div class="editor-buttons">
        <button type="button" class="primary" disabled={disabled || empty} title="Reject, and send this feedback to the agent" onClick={() => onSend(text.trim())}>Send feedback</button>
        <button type="button" disabled={disabled} title="Close the feedback box (Escape)" onClick={onCancel}>Cancel</button>
      </div>
    </div>
  );
}

export function PermissionCard({ ask, sub }: { ask: PermissionAsk; sub: boolean }): JSX.Element {
  const card = useRef<HTMLDivElement>(null);
  const feedbackButton = useRef<HTMLButtonElement>(null);
  const [sending, send] = useSending(card);
  const [feedback, setFeedback] = useState(false);
  // Ids from useId: the ask's own id is the model's text, unfit for an id reference.
  const uid = useId();
  const titleId = `${uid}-title`;
  const alwaysId = `${uid}-always`;
  const patterns = ask.always.join(", ");
  const reply = (r: "once" | "always" | "save" | "reject", message?: string) => {
    send();
    post(message === undefined ? { type: "permission", id: ask.id, reply: r } : { type: "permission", id: ask.id, reply: r, message });
  };
  // Focus goes back before the box goes away, so it never falls to the page.
  const closeFeedback = () => { feedbackButton.current?.focus(); setFeedback(false); };
  return (
    <div ref={card} class="ask ask-permission" role="group" aria-labelledby={titleId} tabIndex={-1}>
      <AskHead id={titleId} mark="!" text={`opencode asks: ${ask.title}`} sub={sub} />
      {/* Show Diff sits by the path and before the choices: for an edit, the change is what the user decides on. */}
      {(ask.detail || ask.hasDiff) && (
        <div class="ask-what">
          {ask.detail && <pre class="ask-detail">{ask.detail}</pre>}
          {ask.hasDiff && <button type="button" class="small" disabled={sending} title="Open the proposed change beside, as a diff" onClick={() => post({ type: "askDiff", id: ask.id })}>Show Diff</button>}
        </div>
      )}
      <div class="ask-buttons">
        <button type="button" class="primary" disabled={sending} title="Allow this one time" onClick={() => reply("once")}>Allow once</button>
        <button type="button" disabled={sending} aria-describedby={patterns ? alwaysId : undefined}
          title={patterns ? `Allow ${patterns} until the window closes` : "Allow this kind of request until the window closes"}
          onClick={() => reply("always")}>Always allow</button>
        <button type="button" disabled={sending} title={`Allow ${patterns || "this kind of request"} from now on in this folder (saved)`}
          onClick={() => reply("save")}>Always allow in this folder</button>
        <button type="button" disabled={sending} title="Refuse this request" onClick={() => reply("reject")}>Reject</button>
        <button type="button" ref={feedbackButton} disabled={sending} aria-expanded={feedback ? "true" : "false"}
          title="Refuse, and tell the agent why or what to do instead" onClick={() => setFeedback(true)}>Reject with feedback…</button>
      </div>
      {patterns && <div class="ask-always muted" id={alwaysId}>Always allow covers <code>{patterns}</code> until the window closes.</div>}
      {feedback && <Feedback disabled={sending} onSend={t => reply("reject", t)} onCancel={closeFeedback} />}
      <div class="ask-foot">
        <button type="button" class="link-button" disabled={sending} title="Answer in VS Code's picker instead" onClick={() => post({ type: "askPicker", id: ask.id })}>Open in picker</button>
        {sending && <Sending />}
      </div>
    </div>
  );
}
