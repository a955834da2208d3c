// A session as a Markdown transcript: what was asked, what was answered, what the tools did and
// which files changed. Tool output is left out (one line per call): a transcript is for reading,
// and a tool's output can be megabytes.
import * as path from "node:path";
import type { MessageWithParts } from "../../protocol/rest";
import type { Part, ToolPart } from "../../protocol/parts";

/** What the transcript's heading says about the session. */
export type ExportedSession = { id: string; title: string; created: number; directory: string };

type Dated = (ms: number) => string;
const isoMinute: Dated = ms => new Date(ms).toISOString().replace("T", " ").slice(0, 16) + " UTC";

/** The whole transcript; `date` renders a timestamp (tests pass a fixed one). */
export function sessionMarkdown(session: ExportedSession, messages: readonly MessageWithParts[], date: Dated = isoMinute): string {
  const model = modelsOf(messages);
  const head = [
    `# ${oneLine(session.title) || "Untitled session"}`, "",
    `- Session: \`${session.id}\``,
    `- Folder: ${session.directory}`,
    `- Created: ${date(session.created)}`,
    ...(model.length ? [`- Model: ${model.join(", ")}`] : []),
  ];
  return [...head, ...messages.flatMap(m => ["", ...turn(m, session.directory, date)])].join("\n") + "\n";
}

function turn(m: MessageWithParts, dir: string, date: Dated): string[] {
  const info = m.info;
  if (info.role === "user") {
    const compaction = m.parts.some(p => p.type === "unknown" && p.originalType === "compaction");
    return [`## ${compaction ? "Compaction requested" : "User"} · ${date(info.time.created)}`, "", ...blocks(m.parts, dir)];
  }
  const who = [info.agent, info.providerID && info.modelID ? `${info.providerID}/${info.modelID}` : undefined].filter(Boolean).join(" · ");
  const body = blocks(m.parts, dir);
  const error = info.error ? [`> **Error** (${info.error.name}): ${oneLine(info.error.data?.message ?? "")}`] : [];
  return [`## Assistant${who ? ` (${who})` : ""} · ${date(info.time.created)}`, "", ...body, ...(body.length && error.length ? [""] : []), ...error];
}

/** The parts as Markdown blocks: a blank line between a list and a paragraph (else the paragraph joins the last item). */
function blocks(parts: readonly Part[], dir: string): string[] {
  const out: string[] = [];
  for (const p of parts) {
    const lines = partLines(p, dir);
    if (!lines.length) continue;
    const item = lines[0].startsWith("- ");
    const lastItem = out.length > 0 && out[out.length - 1].startsWith("- ");
    if (out.length && !(item && lastItem)) out.push("");
    out.push(...lines);
  }
  return out;
}

function partLines(p: Part, dir: string): string[] {
  switch (p.type) {
    case "text": return p.synthetic || p.ignored || !p.text.trim() ? [] : [p.text.trim()];
    case "file": return [`- Attached: ${p.filename ?? p.url}`];
    case "tool": return [toolLine(p, dir)];
    default: return [];
  }
}

/** One line per tool call: its name, status and what it acted on; edits as `file +adds −dels`. */
export function toolLine(p: ToolPart, dir: string): string {
  const s = p.state;
  const input = s.input as Record<string, unknown>;
  const file = typeof input.filePath === "string" ? relative(input.filePath, dir) : undefined;
  const change = editSummary(p, file);
  const what = change ?? file ?? str(input.command) ?? str(input.pattern) ?? str(input.url) ?? ("title" in s ? str(s.title) : undefined) ?? "";
  const status = s.status === "error" ? `error: ${oneLine(s.error)}` : s.status;
  return `- \`${p.tool}\` ${oneLine(what)}${what ? " " : ""}(${status})`;
}

function editSummary(p: ToolPart, file: string | undefined): string | undefined {
  if (p.state.status !== "completed" || !file) return undefined;
  const diff = p.state.metadata.filediff as { additions?: unknown; deletions?: unknown } | undefined;
  if (p.tool === "edit" && typeof diff?.additions === "number" && typeof diff.deletions === "number") return `${file} +${diff.additions} −${diff.deletions}`;
  const content = p.state.input.content;
  if (p.tool === "write" && typeof content === "string") return `${file} +${content.split("\n").filter((l, i, a) => l || i < a.length - 1).length} lines written`;
  return undefined;
}

/** Every model that answered, in the order they first did. */
function modelsOf(messages: readonly MessageWithParts[]): string[] {
  const seen = new Set<string>();
  for (const { info } of messages) if (info.role === "assistant" && info.providerID && info.modelID) seen.add(`${info.providerID}/${info.modelID}`);
  return [...seen];
}

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
const oneLine = (s: string) => { const l = s.replace(/\s+/g, " ").trim(); return l.length > 160 ? `${l.slice(0, 159)}…` : l; };
const relative = (file: string, dir: string) => (path.isAbsolute(file) && !path.relative(dir, file).startsWith("..") ? path.relative(dir, file) : file);
