// A user message: its text, attached files as chips, and the per-message actions (copy, edit &
// resend, revert, fork). Revert and edit & resend are disabled while the session runs: the server
// answers 409 SessionBusyError to a revert then.
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { MessageState } from "../src/protocol/state";
import { post } from "./host";
import { FileLink, Linkified } from "./linkify";
import { busy } from "./store";

/** The prompt as typed: text parts opencode did not add itself (it inlines attached files as synthetic text). */
export function promptText(m: MessageState): string {
  return m.parts.flatMap(p => (p.type === "text" && !p.synthetic ? [p.text] : [])).join("\n");
}

function fileChipPath(url: string): string {
  try { return url.startsWith("file:") ? decodeURIComponent(new URL(url).pathname) : url; } catch { return url; }
}

function Editor({ initial, onDone }: { initial: string; onDone: (text?: string) => void }): JSX.Element {
  const [text, setText] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { ref.current?.focus(); ref.current?.select(); }, []);
  const submit = () => { if (text.trim()) onDone(text); };
  return (
    <div class="inline-editor">
      <textarea ref={ref} value={text} rows={Math.min(10, text.split("\n").length + 1)} aria-label="Edit the message, then resend it"
        onInput={e => setText(e.currentTarget.value)}
        onKeyDown={e => {
          if (e.key === "Escape") { e.preventDefault(); onDone(); }
          else if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
        }} />
      <div class="editor-buttons">
        <button type="button" class="primary" disabled={busy.value || !text.trim()} title="Revert to this message and send the edited text" onClick={submit}>Resend</button>
        <button type="button" title="Discard the edit (Escape)" onClick={() => onDone()}>Cancel</button>
      </div>
    </div>
  );
}

/** `v` is the message's version: the message object is changed in place, so it tells a re-render is due. */
export function UserMessage({ m, reverted }: { m: MessageState; v: number; reverted: boolean }): JSX.Element {
  const [editing, setEditing] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = promptText(m);
  const id = m.info.id;
  const isBusy = busy.value;
  const action = (a: "revert" | "fork") => post({ type: "messageAction", action: a, messageID: id });
  const copy = () => void navigator.clipboard?.writeText(text).then(() => setCopied(true), () => undefined);
  const files = m.parts.flatMap(p => (p.type === "file" ? [p] : []));
  return (
    <article class={`msg user${reverted ? " reverted" : ""}`} aria-label="Your message">
      {editing
        ? <Editor initial={text} onDone={t => { setEditing(false); if (t) post({ type: "messageAction", action: "editResend", messageID: id, text: t }); }} />
        : <div class="user-text"><Linkified text={text} /></div>}
      {files.length > 0 && (
        <div class="chips">
          {files.map(f => <span class="chip" key={f.id}><FileLink path={fileChipPath(f.url)} label={f.filename ?? fileChipPath(f.url).split("/").pop()!} /></span>)}
        </div>
      )}
      {!editing && (
        <div class="msg-actions">
          <button type="button" class="small" aria-label={copied ? "Copied" : "Copy message"} title={copied ? "Copied" : "Copy message"} onClick={copy}
            onBlur={() => setCopied(false)}>{copied ? "Copied" : "Copy"}</button>
          <button type="button" class="small" aria-label="Edit and resend" title={isBusy ? "Edit and resend (wait for the reply to finish)" : "Edit and resend"}
            disabled={isBusy} onClick={() => setEditing(true)}>Edit</button>
          <button type="button" class="small" aria-label="Revert to before this message" title="Revert the conversation and files to before this message"
            disabled={isBusy} onClick={() => action("revert")}>Revert</button>
          <button type="button" class="small" aria-label="Fork from this message" title="Fork a new session up to this message" onClick={() => action("fork")}>Fork</button>
        </div>
      )}
    </article>
  );
}
