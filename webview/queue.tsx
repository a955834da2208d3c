// Prompts the host holds while the session is busy (sent one per turn): each can be edited in
// place or removed before it goes out.
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { post } from "./host";

type Held = { id: string; text: string };

function HeldPrompt({ q, index }: { q: Held; index: number }): JSX.Element {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(q.text);
  const area = useRef<HTMLTextAreaElement>(null);
  useEffect(() => { if (editing) area.current?.focus(); }, [editing]);
  const save = () => {
    const t = text.trim() ? text : q.text;
    if (t !== q.text) post({ type: "queueEdit", queueID: q.id, text: t });
    setEditing(false);
  };
  if (editing) {
    return (
      <li class="held editing">
        <textarea ref={area} value={text} rows={3} aria-label={`Text of held prompt ${index + 1}`} onInput={e => setText(e.currentTarget.value)}
          onKeyDown={e => {
            if (e.key === "Escape") { e.preventDefault(); setText(q.text); setEditing(false); }
            else if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); save(); }
          }} />
        <div class="editor-buttons">
          <button type="button" class="primary" title="Save the held prompt" onClick={save}>Save</button>
          <button type="button" title="Discard the edit (Escape)" onClick={() => { setText(q.text); setEditing(false); }}>Cancel</button>
        </div>
      </li>
    );
  }
  return (
    <li class="held">
      <span class="held-text" title={q.text}>{q.text}</span>
      <button type="button" class="small" aria-label={`Edit held prompt ${index + 1}`} title="Edit before it is sent" onClick={() => { setText(q.text); setEditing(true); }}>Edit</button>
      <button type="button" class="small" aria-label={`Remove held prompt ${index + 1}`} title="Remove: it will not be sent" onClick={() => post({ type: "queueRemove", queueID: q.id })}>Remove</button>
    </li>
  );
}

export function Queue({ queue }: { queue: Held[] }): JSX.Element | null {
  if (!queue.length) return null;
  return (
    <section class="queue" aria-label="Held prompts">
      <div class="queue-title muted">Sent after the current reply ({queue.length})</div>
      <ol>{queue.map((q, i) => <HeldPrompt key={q.id} q={q} index={i} />)}</ol>
    </section>
  );
}
