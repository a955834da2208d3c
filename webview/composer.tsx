// The prompt box. Enter sends, Shift+Enter is a newline, Up/Down walk the prompts of this session
// when the caret is at the start/end. Sending while busy is allowed: the host holds the prompt.
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { post } from "./host";
import { promptText } from "./userMessage";
import { busy, composerFocus, composerText, currentSession } from "./store";

/** Where Up/Down are in the history; reset on send and whenever the user types. */
const walk = { index: -1, draft: "" };

function history(): string[] {
  return (currentSession()?.messages ?? []).filter(m => m.info.role === "user").map(promptText).filter(Boolean);
}

function grow(t: HTMLTextAreaElement): void {
  t.style.height = "auto";
  t.style.height = `${Math.min(t.scrollHeight, 240)}px`;
}

export function Composer(): JSX.Element {
  const area = useRef<HTMLTextAreaElement>(null);
  const text = composerText.value;
  const focus = composerFocus.value;
  useEffect(() => {
    const t = area.current;
    if (!t || !focus) return;
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
  }, [focus]);
  useEffect(() => { if (area.current) grow(area.current); }, [text]);

  const send = () => {
    if (!text.trim()) return;
    post({ type: "send", text });
    composerText.value = "";
    walk.index = -1;
  };
  const step = (dir: -1 | 1): boolean => {
    const h = history();
    if (!h.length) return false;
    if (walk.index === -1) { if (dir === 1) return false; walk.draft = text; walk.index = h.length; }
    const next = walk.index + dir;
    if (next < 0) return false;
    if (next >= h.length) { walk.index = -1; composerText.value = walk.draft; return true; }
    walk.index = next;
    composerText.value = h[next];
    return true;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const t = e.currentTarget as HTMLTextAreaElement;
    if (e.isComposing) return;
    if (e.key === "Enter" && !e.shiftKey && !e.altKey) { e.preventDefault(); send(); return; }
    const collapsed = t.selectionStart === t.selectionEnd;
    if (e.key === "ArrowUp" && collapsed && t.selectionStart === 0 && step(-1)) e.preventDefault();
    else if (e.key === "ArrowDown" && collapsed && t.selectionEnd === t.value.length && step(1)) e.preventDefault();
  };
  return (
    <div class="composer">
      <textarea ref={area} class="prompt" rows={2} value={text} placeholder="Ask opencode… (Enter to send, Shift+Enter for a new line)"
        aria-label="Prompt" onInput={e => { composerText.value = e.currentTarget.value; walk.index = -1; }} onKeyDown={onKeyDown} />
      <div class="composer-buttons">
        {busy.value && <button type="button" class="stop" title="Stop the current reply" aria-label="Stop" onClick={() => post({ type: "stop" })}>Stop</button>}
        <button type="button" class="primary" title={busy.value ? "Send (held until the current reply ends)" : "Send (Enter)"} aria-label="Send"
          disabled={!text.trim()} onClick={send}>Send</button>
      </div>
    </div>
  );
}
