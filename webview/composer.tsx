// The prompt box. Enter sends, Shift+Enter is a newline, Up/Down walk the prompts of this session
// when the caret is at the start/end. Sending while busy is allowed: the host holds the prompt.
// While the completion popup is open, Up/Down/Enter/Tab/Escape belong to it (completion.tsx);
// pasted or dropped images and accepted `@file` completions become chips (attachments.tsx).
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { addFile, addImages, Attachments, images, takeAttachments } from "./attachments";
import { accept, close, CompletionPopup, dismiss, listboxId, move, optionId, popup, reset, updateCompletion } from "./completion";
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

const fileList = (d: DataTransfer | null): File[] => [...(d?.files ?? [])];

export function Composer(): JSX.Element {
  const area = useRef<HTMLTextAreaElement>(null);
  const [dragging, setDragging] = useState(false);
  const text = composerText.value;
  const focus = composerFocus.value;
  const open = popup.value;
  useEffect(() => {
    const t = area.current;
    if (!t || !focus) return;
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
  }, [focus]);
  useEffect(() => { if (area.current) grow(area.current); }, [text]);
  useEffect(() => close, []);

  const send = () => {
    if (!text.trim() && !images.peek().length) return;
    reset();
    post({ type: "send", text, ...takeAttachments(text) });
    composerText.value = "";
    walk.index = -1;
  };
  const pick = (index: number) => {
    const t = area.current;
    if (!t) return;
    const r = accept(t.value, t.selectionStart, index);
    if (!r) return;
    if (r.item.insert.startsWith("@")) addFile(r.item.insert.slice(1));
    composerText.value = r.text;
    t.value = r.text;
    t.setSelectionRange(r.caret, r.caret);
    t.focus();
    walk.index = -1;
  };
  const step = (dir: -1 | 1): boolean => {
    const h = history();
    if (!h.length) return false;
    if (walk.index === -1) { if (dir === 1) return false; walk.draft = text; walk.index = h.length; }
    const next = walk.index + dir;
    if (next < 0) return false;
    reset();
    if (next >= h.length) { walk.index = -1; composerText.value = walk.draft; return true; }
    walk.index = next;
    composerText.value = h[next];
    return true;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const t = e.currentTarget as HTMLTextAreaElement;
    if (e.isComposing) return;
    const p = popup.peek();
    if (p) {
      const handled = e.key === "ArrowDown" ? (move(1), true) : e.key === "ArrowUp" ? (move(-1), true)
        : (e.key === "Enter" && !e.shiftKey && !e.altKey) || (e.key === "Tab" && !e.shiftKey) ? (pick(p.active), true)
        : e.key === "Escape" ? (dismiss(), true) : false;
      if (handled) { e.preventDefault(); e.stopPropagation(); return; }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.altKey) { e.preventDefault(); send(); return; }
    const collapsed = t.selectionStart === t.selectionEnd;
    if (e.key === "ArrowUp" && collapsed && t.selectionStart === 0 && step(-1)) e.preventDefault();
    else if (e.key === "ArrowDown" && collapsed && t.selectionEnd === t.value.length && step(1)) e.preventDefault();
  };
  // Caret moves (arrows, Home/End, clicks) can leave the `@word`: re-check, which closes if so.
  const recheck = (e: Event) => { const t = e.currentTarget as HTMLTextAreaElement; if (popup.peek()) updateCompletion(t.value, t.selectionStart); };
  // Text wins: copying spreadsheet cells or a file in a file manager also puts a picture or a file
  // on the clipboard, and the user meant the text.
  const onPaste = (e: ClipboardEvent) => {
    if (e.clipboardData?.getData("text/plain")) return;
    const pasted = [...(e.clipboardData?.items ?? [])].filter(i => i.kind === "file").map(i => i.getAsFile()).filter((f): f is File => !!f);
    if (!pasted.length) return;
    e.preventDefault();
    void addImages(pasted, "paste");
  };
  const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes("Files");
  return (
    <div class={dragging ? "composer dragging" : "composer"}
      onDragOver={e => { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer!.dropEffect = "copy"; setDragging(true); }}
      onDragLeave={e => { if (!(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setDragging(false); }}
      onDrop={e => { if (!hasFiles(e)) return; e.preventDefault(); setDragging(false); void addImages(fileList(e.dataTransfer), "drop"); }}>
      <div class="composer-input">
        <CompletionPopup onPick={pick} />
        <textarea ref={area} class="prompt" rows={2} value={text} placeholder="Ask opencode… (@ file, / command, Shift+Enter new line)"
          // A textarea may only be a textbox (ARIA in HTML), which still takes aria-activedescendant and aria-autocomplete.
          aria-label="Prompt" aria-autocomplete="list" aria-haspopup="listbox"
          aria-expanded={open ? "true" : "false"} aria-controls={open ? listboxId : undefined}
          aria-activedescendant={open ? optionId(open.active) : undefined}
          onInput={e => { const t = e.currentTarget; composerText.value = t.value; walk.index = -1; updateCompletion(t.value, t.selectionStart); }}
          onKeyDown={onKeyDown} onKeyUp={recheck} onClick={recheck} onBlur={() => close()} onPaste={onPaste} />
      </div>
      <Attachments />
      <div class="composer-buttons">
        {busy.value && <button type="button" class="stop" title="Stop the current reply" aria-label="Stop" onClick={() => post({ type: "stop" })}>Stop</button>}
        <button type="button" class="primary" title={busy.value ? "Send (held until the current reply ends)" : "Send (Enter)"} aria-label="Send"
          disabled={!text.trim() && !images.value.length} onClick={send}>Send</button>
      </div>
    </div>
  );
}
