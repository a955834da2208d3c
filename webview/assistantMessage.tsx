// An assistant message: its parts in order (text through Markdown, reasoning collapsed, tools as
// cards, consecutive look-around tools grouped), its error or interruption, and a token footer.
import type { JSX } from "preact";
import type { MessageState, PartState } from "../src/protocol/state";
import type { AssistantMessage as Info, MessageError, Tokens } from "../src/protocol/message";
import { post } from "./host";
import { Guard, plainText } from "./guard";
import { FileLink } from "./linkify";
import { Markdown } from "./markdown";
import { busy, currentSession } from "./store";
import { ContextGroup, ToolCard, contextTools, isTool, shortPath, type Tool } from "./tools";
import { billedTokens, compactCount as compact, formatCost } from "../src/shared/numbers";

type Block = { kind: "part"; part: PartState } | { kind: "context"; parts: Tool[] };

/** Parts to blocks: consecutive read/grep/glob/list calls become one group; invisible parts are skipped. */
function blocks(parts: PartState[]): Block[] {
  const out: Block[] = [];
  for (const part of parts) {
    if (part.type === "step-start" || part.type === "step-finish") continue;
    if (part.type === "text" && (part.synthetic || part.ignored || !part.text)) continue;
    const last = out.at(-1);
    if (isTool(part) && contextTools.has(part.tool)) {
      if (last?.kind === "context") last.parts.push(part);
      else out.push({ kind: "context", parts: [part] });
    } else out.push({ kind: "part", part });
  }
  return out;
}

type Usage = { tokens: Tokens; cost: number; steps: number };

/** Adds a message's steps to `u`; the message info's own totals lag until the message completes. */
function addSteps(u: Usage, m: MessageState): void {
  for (const p of m.parts) {
    if (p.type !== "step-finish") continue;
    const t = u.tokens, s = p.tokens;
    t.input += s.input; t.output += s.output; t.reasoning += s.reasoning;
    t.cache.read += s.cache.read; t.cache.write += s.cache.write; u.cost += p.cost; u.steps++;
  }
}

/**
 * A turn is the user's prompt and every assistant message answering it (opencode starts a new one
 * per model call, e.g. after each batch of tool calls). Its usage is shown once, under the message
 * that ends it: one that finished for another reason than calling tools, or stopped with an error.
 * That message changes last, so its row re-renders when the total is final.
 */
function turnUsage(m: MessageState): Usage | undefined {
  const info = m.info as Info;
  const ended = info.error !== undefined || (info.time.completed !== undefined && info.finish !== "tool-calls");
  if (!ended) return undefined;
  const u: Usage = { tokens: { input: 0, output: 0, reasoning: 0, cache: { read: 0, write: 0 } }, cost: 0, steps: 0 };
  const messages = currentSession()?.messages ?? [m];
  let i = messages.indexOf(m);
  if (i < 0) { addSteps(u, m); return u.steps ? u : undefined; }
  for (; i >= 0; i--) {
    const x = messages[i].info;
    if (x.role !== "assistant" || x.parentID !== info.parentID) break;
    addSteps(u, messages[i]);
  }
  return u.steps ? u : undefined;
}

function Footer({ m }: { m: MessageState }): JSX.Element | null {
  const u = turnUsage(m);
  if (!u) return null;
  const { tokens: t, cost } = u;
  const bits = [`${compact(t.input)} in`, `${compact(t.output)} out`];
  if (t.reasoning) bits.push(`${compact(t.reasoning)} reasoning`);
  if (t.cache.read || t.cache.write) bits.push(`cache ${compact(t.cache.read)} read / ${compact(t.cache.write)} write`);
  bits.push(formatCost(cost, billedTokens(t)));
  if (u.steps > 1) bits.push(`${u.steps} steps`);
  return <div class="msg-footer" title="Tokens and cost of this turn, all its steps together">{bits.join(" · ")}</div>;
}

export const errorText = (e: MessageError): string => {
  const status = e.data?.statusCode ? ` (HTTP ${e.data.statusCode})` : "";
  return `${e.data?.message || e.name}${status}`;
};

export function ErrorBlock({ error, canRetry }: { error: MessageError; canRetry: boolean }): JSX.Element {
  if (error.name === "MessageAbortedError") return <div class="notice muted">Stopped.</div>;
  return (
    <div class="error-block">
      <span class="error-name">{error.name === "APIError" ? "Provider error" : "Error"}</span>: {errorText(error)}
      {canRetry && <button type="button" class="small" title="Send the last prompt again" onClick={() => post({ type: "retry" })}>Retry</button>}
    </div>
  );
}

/** What a part says, as plain text: shown instead of the part when its render throws. */
export function partText(part: PartState): string {
  switch (part.type) {
    case "text": case "reasoning": return part.text;
    case "tool": {
      const s = part.state as { input?: unknown; output?: unknown; error?: unknown };
      return [`${part.tool}: ${plainText(s.input ?? {})}`, s.output ?? s.error].filter(Boolean).map(x => plainText(x)).join("\n");
    }
    case "patch": return `Changed ${part.files.join(", ")}`;
    case "file": return part.filename ?? part.url;
    default: return `[${part.type}]`;
  }
}

function PartView({ part, streaming }: { part: PartState; streaming: boolean }): JSX.Element | null {
  switch (part.type) {
    case "text": return <Markdown text={part.text} streaming={streaming && part.time?.end === undefined} />;
    case "reasoning":
      return (
        <details class="reasoning">
          <summary>{streaming && part.time?.end === undefined ? "Thinking…" : "Thought"}</summary>
          <div class="reasoning-text">{part.text}</div>
        </details>
      );
    case "tool": return <ToolCard p={part} />;
    case "patch":
      return (
        <div class="patch muted">Changed {part.files.length === 1 ? "" : `${part.files.length} files: `}
          {part.files.map((f, i) => <>{i > 0 && ", "}<FileLink path={f} label={shortPath(f)} /></>)}
        </div>
      );
    case "file": return <div class="chips"><span class="chip">{part.filename ?? part.url}</span></div>;
    case "unknown": return <div class="muted">[{part.originalType}]</div>;
    default: return null;
  }
}

export function AssistantMessage({ m, v, first, last, reverted }: { m: MessageState; v: number; first: boolean; last: boolean; reverted: boolean }): JSX.Element {
  const info = m.info as Info;
  const isBusy = busy.value;
  const streaming = isBusy && info.time.completed === undefined && !info.error;
  const model = info.modelID ? ` · ${info.modelID}` : "";
  return (
    <article class={`msg assistant${first ? " first" : ""}${reverted ? " reverted" : ""}`} aria-label="opencode's reply" aria-busy={streaming}>
      {first && <div class="msg-head"><span class="agent">{info.agent ?? info.mode ?? "opencode"}</span>{model}</div>}
      {/* Each part behind its own boundary: one that cannot render shows as text, the rest still render. */}
      {blocks(m.parts).map(b => (b.kind === "context"
        ? <Guard key={b.parts[0].id} retry={v} what="a group of tool calls" fallback={() => b.parts.map(partText).join("\n")}><ContextGroup parts={b.parts} /></Guard>
        : <Guard key={b.part.id} retry={v} what={`a ${b.part.type} part`} fallback={() => partText(b.part)}><PartView part={b.part} streaming={streaming} /></Guard>))}
      {streaming && m.parts.every(p => p.type === "step-start") && <div class="muted working">Working…</div>}
      {info.error && <ErrorBlock error={info.error} canRetry={last && !isBusy} />}
      {m.interrupted && !info.error && <div class="notice muted">Interrupted: the server stopped before this reply finished.</div>}
      <Footer m={m} />
    </article>
  );
}
