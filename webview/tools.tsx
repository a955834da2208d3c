// Tool parts as cards, by tool name. Inputs and metadata are free-form per tool (parts.ts), so every
// field is read defensively: a newer server that renames one shows a plainer card, never a crash.
import type { ComponentChildren, JSX } from "preact";
import type { PartState } from "../src/protocol/state";
import type { ToolPart } from "../src/protocol/parts";
import type { Todo } from "../src/protocol/session";
import { post } from "./host";
import { FileLink, WebLink } from "./linkify";
import { panel, todos } from "./store";

export type Tool = ToolPart & { interrupted?: true };
type Fields = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const obj = (v: unknown): Fields => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Fields) : {});
const input = (p: Tool): Fields => p.state.input ?? {};
const meta = (p: Tool): Fields => ("metadata" in p.state ? obj(p.state.metadata) : {});
const output = (p: Tool): string | undefined => (p.state.status === "completed" ? p.state.output : undefined);
/** Long outputs are cut: the card is a summary, the full text is in the tool's own result. */
const clip = (s: string, max = 8000) => (s.length > max ? `${s.slice(0, max)}\n… (${s.length - max} more characters)` : s);

export const isTool = (p: PartState): p is Tool => p.type === "tool";
export const contextTools = new Set(["read", "grep", "glob", "list"]);

/** The folder-relative form of an absolute path, for display; the link keeps the absolute one. */
export function shortPath(p: string): string {
  const root = panel.value?.folder;
  return root && p.startsWith(`${root}/`) ? p.slice(root.length + 1) : p;
}

type Status = "pending" | "running" | "completed" | "error" | "interrupted";
const statusOf = (p: Tool): Status => (p.interrupted ? "interrupted" : p.state.status);
const statusText: Record<Status, string> = { pending: "Pending", running: "Running", completed: "Done", error: "Failed", interrupted: "Interrupted" };

export function StatusIcon({ status }: { status: Status }): JSX.Element {
  return <span class={`st st-${status}`} role="img" aria-label={statusText[status]} title={statusText[status]} />;
}

function Head({ p, name, children }: { p: Tool; name: string; children?: ComponentChildren }): JSX.Element {
  const s = statusOf(p);
  return (
    <div class="tool-head">
      <StatusIcon status={s} /><span class="tool-name">{name}</span>{children}
      {s === "interrupted" && <span class="muted">interrupted</span>}
      <WhyRan callID={p.callID} />
    </div>
  );
}

/** Why the call ran without asking, when the host knows (never for calls that were asked). */
function WhyRan({ callID }: { callID: string }): JSX.Element | null {
  const why = panel.value?.whyRan?.[callID];
  return why ? <span class="muted tool-why" title={`Ran without asking: ${why}`}>{why}</span> : null;
}

function ErrorLine({ p }: { p: Tool }): JSX.Element | null {
  return p.state.status === "error" ? <div class="tool-error">{p.state.error}</div> : null;
}

function Bash({ p }: { p: Tool }): JSX.Element {
  const m = meta(p);
  const out = str(m.output) ?? output(p);
  const exit = num(m.exit);
  return (
    <div class="tool tool-bash">
      <Head p={p} name="Shell">{str(input(p).description) && <span class="tool-title">{str(input(p).description)}</span>}</Head>
      <pre class="cmd"><span class="prompt" aria-hidden="true">$ </span>{str(input(p).command) ?? ""}</pre>
      {out && <pre class="out">{clip(out.replace(/\n$/, ""))}</pre>}
      {exit !== undefined && <div class={exit === 0 ? "exit ok" : "exit bad"}>exit code {exit}</div>}
      <ErrorLine p={p} />
    </div>
  );
}

function FileChange({ p }: { p: Tool }): JSX.Element {
  const i = input(p), m = meta(p), diff = obj(m.filediff);
  const file = str(i.filePath) ?? str(i.path) ?? str(m.filepath) ?? str(diff.file);
  const add = num(diff.additions) ?? num(m.additions), del = num(diff.deletions) ?? num(m.deletions);
  const verb = p.tool === "write" ? "Write" : p.tool === "edit" ? "Edit" : "Patch";
  return (
    <div class="tool tool-file">
      <Head p={p} name={verb}>
        {file && <FileLink path={file} label={shortPath(file)} />}
        {add !== undefined && <span class="add" aria-label={`${add} lines added`}>+{add}</span>}
        {del !== undefined && <span class="del" aria-label={`${del} lines removed`}>−{del}</span>}
        {p.state.status === "completed" && (
          <button class="link-button" type="button" title="Open the change in a diff editor" aria-label={`Open diff of ${file ?? "the change"}`}
            onClick={() => post({ type: "openDiff", messageID: p.messageID, partID: p.id })}>Open Diff</button>
        )}
      </Head>
      <ErrorLine p={p} />
    </div>
  );
}

function contextLine(p: Tool): JSX.Element {
  const i = input(p);
  const path = str(i.filePath) ?? str(i.path);
  const what = p.tool === "read" ? "Read" : p.tool === "list" ? "List" : p.tool === "grep" ? "Search" : "Find";
  const pattern = str(i.pattern);
  return (
    <li key={p.id}>
      <StatusIcon status={statusOf(p)} /> {what} {pattern && <code>{pattern}</code>} {pattern && path && "in "}
      {path && <FileLink path={path} label={shortPath(path)} />}
      <ErrorLine p={p} />
    </li>
  );
}

/** Consecutive read/grep/glob/list calls: one collapsed row, since they are the agent looking around. */
export function ContextGroup({ parts }: { parts: Tool[] }): JSX.Element {
  const states = parts.map(statusOf);
  const worst: Status = (["error", "interrupted", "running", "pending"] as const).find(s => states.includes(s)) ?? "completed";
  const count = (t: string) => parts.filter(p => p.tool === t).length;
  const summary = [["read", "file"], ["grep", "search"], ["glob", "glob"], ["list", "listing"]]
    .map(([t, noun]) => [count(t), noun] as const).filter(([n]) => n > 0).map(([n, noun]) => `${n} ${noun}${n > 1 ? (noun === "search" ? "es" : "s") : ""}`);
  return (
    <details class="tool tool-context">
      <summary><StatusIcon status={worst} /><span class="tool-name">Gathered context</span><span class="muted">{summary.join(", ")}</span></summary>
      <ul class="context-list">{parts.map(contextLine)}</ul>
    </details>
  );
}

function TodoList({ p }: { p: Tool }): JSX.Element {
  // The part's own list is what that call wrote; the session's list is the latest (todoread has none).
  const own = (Array.isArray(input(p).todos) ? input(p).todos : meta(p).todos) as Todo[] | undefined;
  const list = own ?? todos.value;
  const mark: Record<string, string> = { completed: "✓", in_progress: "◐", cancelled: "✕" };
  return (
    <div class="tool tool-todo">
      <Head p={p} name="Todo" />
      <ul class="todos" aria-label="Todo list">
        {list.map(t => (
          <li class={`todo todo-${t.status}`}><span class="todo-mark" aria-hidden="true">{mark[t.status] ?? "○"}</span>
            <span class="sr-only">{t.status.replace("_", " ")}: </span>{t.content}</li>
        ))}
      </ul>
    </div>
  );
}

function Question({ p }: { p: Tool }): JSX.Element {
  const qs = (Array.isArray(input(p).questions) ? input(p).questions : []) as { question?: string }[];
  const answers = (Array.isArray(meta(p).answers) ? meta(p).answers : []) as unknown[];
  return (
    <div class="tool tool-question">
      <Head p={p} name="Question" />
      {qs.map((q, i) => (
        <div class="qa"><div>{str(q.question) ?? ""}</div>
          <div class="answer">{Array.isArray(answers[i]) && (answers[i] as unknown[]).length ? `→ ${(answers[i] as string[]).join(", ")}` : p.state.status === "running" ? "waiting for your answer…" : ""}</div></div>
      ))}
      <ErrorLine p={p} />
    </div>
  );
}

function Task({ p }: { p: Tool }): JSX.Element {
  const i = input(p), m = meta(p);
  const child = str(m.sessionId) ?? str(m.sessionID);
  return (
    <div class="tool tool-task">
      <Head p={p} name={`Task${str(i.subagent_type) ? ` (${str(i.subagent_type)})` : ""}`}><span class="tool-title">{str(i.description) ?? ""}</span>
        {child && <button class="link-button" type="button" aria-label="Open the sub-agent's session" title="Open the sub-agent's session"
          onClick={() => post({ type: "openSession", sessionID: child })}>Open session</button>}
      </Head>
      <ErrorLine p={p} />
    </div>
  );
}

function WebFetch({ p }: { p: Tool }): JSX.Element {
  const url = str(input(p).url);
  return <div class="tool"><Head p={p} name="Fetch">{url && <WebLink url={url} />}</Head><ErrorLine p={p} /></div>;
}

function Generic({ p }: { p: Tool }): JSX.Element {
  const title = p.state.status === "completed" || p.state.status === "running" ? p.state.title : undefined;
  const out = output(p);
  return (
    <details class="tool tool-generic">
      <summary><StatusIcon status={statusOf(p)} /><span class="tool-name">{p.tool}</span><span class="tool-title">{title ?? ""}</span></summary>
      <pre class="out">{clip(JSON.stringify(input(p), null, 2))}</pre>
      {out && <pre class="out">{clip(out)}</pre>}
      <ErrorLine p={p} />
    </details>
  );
}

export function ToolCard({ p }: { p: Tool }): JSX.Element {
  switch (p.tool) {
    case "bash": return <Bash p={p} />;
    case "edit": case "write": case "patch": case "apply_patch": case "multiedit": return <FileChange p={p} />;
    case "todowrite": case "todoread": case "todo": return <TodoList p={p} />;
    case "question": return <Question p={p} />;
    case "task": return <Task p={p} />;
    case "webfetch": return <WebFetch p={p} />;
    default: return <Generic p={p} />;
  }
}
