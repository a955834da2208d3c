// One pending question ask: one or more questions, each with options (radio buttons, or check
// boxes when several may be chosen) and, when allowed, a typed answer. Submit sends one list of
// answers per question, in order; Dismiss rejects the whole ask.
import type { JSX } from "preact";
import { useId, useRef, useState } from "preact/hooks";
import type { PanelAsk } from "../src/shared/messages";
import { post } from "./host";
import { AskHead, Sending, useSending } from "./permissionCard";

export type QuestionAsk = Extract<PanelAsk, { kind: "question" }>;
type Question = QuestionAsk["questions"][number];
/** `other`: the typed answer is chosen (for a question with no options, typing is the only way). */
type Choice = { picked: string[]; other: boolean; text: string };

const empty: Choice = { picked: [], other: false, text: "" };

/** The answer to one question: the chosen labels in the options' order, then the typed text. */
function answerOf(q: Question, c: Choice): string[] {
  const labels = q.options.map(o => o.label).filter(l => c.picked.includes(l));
  const typed = q.custom && (c.other || !q.options.length) && c.text.trim() ? [c.text.trim()] : [];
  return [...labels, ...typed];
}

function QuestionField({ q, c, name, disabled, onChange, onEnter }: {
  q: Question; c: Choice; name: string; disabled: boolean; onChange: (c: Choice) => void; onEnter: () => void;
}): JSX.Element {
  const type = q.multiple ? "checkbox" : "radio";
  const toggle = (label: string, on: boolean) => onChange(q.multiple
    ? { ...c, picked: on ? [...c.picked, label] : c.picked.filter(l => l !== label) }
    : { ...c, picked: [label], other: false });
  // Typing chooses the typed answer; for a single choice that replaces the picked option.
  const type_ = (text: string) => onChange(q.multiple ? { ...c, text, other: true } : { picked: [], text, other: true });
  const textBox = (label: string) => (
    <input type="text" class="q-text" value={c.text} disabled={disabled} aria-label={label} placeholder="Type your answer"
      onInput={e => type_(e.currentTarget.value)}
      onKeyDown={e => { if (e.key === "Enter" && !e.isComposing) { e.preventDefault(); onEnter(); } }} />
  );
  return (
    <fieldset class="q" disabled={disabled} aria-describedby={q.question ? `${name}-text` : undefined}>
      <legend class="q-header">{q.header || "Question"}</legend>
      {q.question && <p class="q-question" id={`${name}-text`}>{q.question}</p>}
      {q.options.map(o => (
        <label class="q-option" key={o.label}>
          <input type={type} name={name} checked={c.picked.includes(o.label)} onChange={e => toggle(o.label, e.currentTarget.checked)} />
          <span class="q-label">{o.label}</span>
          {o.description && <span class="q-desc muted">{o.description}</span>}
        </label>
      ))}
      {q.custom && q.options.length > 0 && (
        <div class="q-option q-other">
          <input type={type} name={name} checked={c.other} aria-label="Other (type your answer)"
            onChange={e => onChange(q.multiple ? { ...c, other: e.currentTarget.checked } : { ...c, picked: [], other: true })} />
          {textBox(`Other answer to: ${q.header || q.question}`)}
        </div>
      )}
      {q.custom && !q.options.length && textBox(`Answer to: ${q.header || q.question}`)}
    </fieldset>
  );
}

export function QuestionCard({ ask, sub }: { ask: QuestionAsk; sub: boolean }): JSX.Element {
  const card = useRef<HTMLDivElement>(null);
  const [sending, send] = useSending(card);
  const [choices, setChoices] = useState<Choice[]>(() => ask.questions.map(() => empty));
  const answers = ask.questions.map((q, i) => answerOf(q, choices[i] ?? empty));
  const complete = answers.every(a => a.length > 0);
  const titleId = `${useId()}-title`;
  const n = ask.questions.length;
  const submit = () => {
    if (!complete || sending) return;
    send();
    post({ type: "question", id: ask.id, answers });
  };
  return (
    <div ref={card} class="ask ask-question" role="group" aria-labelledby={titleId} tabIndex={-1}>
      <AskHead id={titleId} mark="?" text={n > 1 ? `opencode asks ${n} questions` : "opencode asks a question"} sub={sub} />
      {ask.questions.map((q, i) => (
        <QuestionField key={i} q={q} c={choices[i] ?? empty} name={`${titleId}-q${i}`} disabled={sending} onEnter={submit}
          onChange={c => setChoices(cs => cs.map((old, j) => (j === i ? c : old)))} />
      ))}
      <div class="ask-buttons">
        <button type="button" class="primary" disabled={!complete || sending} title={complete ? "Send the answers" : "Answer every question first"} onClick={submit}>Submit</button>
        <button type="button" disabled={sending} title="Dismiss the question without answering" onClick={() => { send(); post({ type: "question", id: ask.id, reject: true }); }}>Dismiss</button>
        {sending && <Sending />}
      </div>
    </div>
  );
}
