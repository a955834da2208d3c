// What a pending ask is about, in words, for every place that shows it (native picker, panel card,
// notification, status bar). Pure: the same text everywhere, and unit-testable.
import * as path from "node:path";
import type { PermissionRequest, QuestionRequest } from "../protocol/ask";
import type { PanelAsk } from "../shared/messages";

export type PermissionText = {
  /** e.g. "Edit src/a.ts", "Run a command". */
  title: string;
  /** The command for bash, the URL for webfetch, the path(s) for file tools. */
  detail: string;
  /** The file an edit ask would change (absolute), when it names one. */
  filepath?: string;
  /** The unified diff of the proposed change, for edit asks. */
  diff?: string;
};

const str = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);

/** A path as the user knows it: relative inside the folder, absolute outside it. */
export function displayPath(folder: string, p: string): string {
  const rel = path.relative(folder, p);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p;
}

export function describePermission(ask: PermissionRequest, folder: string): PermissionText {
  const m = ask.metadata;
  const patterns = ask.patterns.join(", ");
  switch (ask.permission) {
    case "edit": {
      const filepath = str(m.filepath);
      const shown = filepath ? displayPath(folder, filepath) : patterns;
      return { title: `Edit ${shown}`, detail: shown, filepath, diff: str(m.diff) };
    }
    case "bash": return { title: "Run a command", detail: str(m.command) ?? patterns };
    case "webfetch": return { title: "Fetch a URL", detail: str(m.url) ?? patterns };
    case "websearch": case "codesearch": return { title: "Search the web", detail: str(m.query) ?? patterns };
    case "external_directory": return { title: "Use a folder outside the workspace", detail: str(m.parentDir) ?? str(m.filepath) ?? patterns };
    case "read": case "list": case "glob": case "grep": return { title: `Read (${ask.permission})`, detail: patterns };
    case "task": return { title: "Start a sub-agent", detail: patterns };
    case "doom_loop": return { title: "Repeat the same tool call again", detail: patterns };
    default: return { title: `Use ${ask.permission}`, detail: patterns };
  }
}

/** What "Always allow" allows from now on, in words: opencode's edit asks offer "*", every file. */
export function alwaysText(ask: PermissionRequest): string {
  const patterns = ask.always.length ? ask.always : ask.patterns;
  if (patterns.length === 1 && patterns[0] === "*") return ask.permission === "edit" ? "every file (*)" : `every ${ask.permission} call (*)`;
  return patterns.join(", ");
}

export function panelPermission(ask: PermissionRequest, folder: string): PanelAsk {
  const t = describePermission(ask, folder);
  return { kind: "permission", id: ask.id, sessionID: ask.sessionID, title: t.title, detail: t.detail, always: [alwaysText(ask)], hasDiff: t.diff !== undefined };
}

export function panelQuestion(ask: QuestionRequest): PanelAsk {
  return {
    kind: "question", id: ask.id, sessionID: ask.sessionID,
    questions: ask.questions.map(q => ({ header: q.header, question: q.question, options: q.options, multiple: q.multiple === true, custom: q.custom !== false })),
  };
}
