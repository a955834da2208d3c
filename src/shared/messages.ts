// The host <-> webview contract, imported by both bundles. The webview only does `import type`
// from here, so zod stays out of its bundle; the host parses every webview message with zod,
// because the webview renders model output and is a separate trust zone.
//
// Flow: the webview posts `ready` on every page load (with the selection it saved in its webview
// state); the host answers with a full `state` (a hidden or reloaded webview missed every delta),
// then sends `actions`: the same reducer actions the host applied, filtered to the session in view
// and batched per frame. The webview applies them with the shared reducer (src/protocol/reducer),
// so both sides hold the same model and a streamed delta costs the size of the delta. A long
// session's `state` carries only its newest messages; the webview asks for the older ones with
// `history` after it painted (src/shared/paging.ts).
import { z } from "zod";
import type { Action } from "../protocol/reducer";
import type { MessageState, SessionState } from "../protocol/state";

/**
 * An id from the webview: opencode's (`ses_…`, `msg_…`, `prt_…`, `per_…`) and the host's own are
 * letters, digits, `_` and `-`. Nothing else gets through, so an id can never be a path of its own.
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "not an id");

/** The only VS Code commands a webview may ask the host to run (empty-state buttons). */
const PanelCommand = z.enum(["opencode.server.start", "opencode.server.showLog", "workbench.action.addRootFolder", "workbench.trust.manage", "opencode.installOpencode", "opencode.showSetPath",
  // Models
  "opencode.checkModel"]);
type PanelCommand = z.infer<typeof PanelCommand>;
const text = (max: number) => z.string().max(max);

export const WebviewMessage = z.discriminatedUnion("type", [
  /** Every page load. `restore` is what the webview saved (folder path, session id) before it was hidden or reloaded. */
  z.object({ type: z.literal("ready"), restore: z.object({ folder: text(4096).optional(), sessionID: id.optional() }).optional() }),
  /**
   * A prompt for the session in view (a new session is created if none). Held by the host while the
   * session is busy. `/name args` runs the folder's command `name` when it exists. `files` are
   * @-mentioned workspace paths (relative to the folder) and `images` pasted or dropped pictures;
   * both go to opencode as file parts.
   */
  z.object({
    type: z.literal("send"), text: text(200_000),
    files: z.array(z.object({ path: text(4096).min(1) })).max(50).optional(),
    images: z.array(z.object({ mime: z.enum(["image/png", "image/jpeg", "image/gif", "image/webp"]), dataUrl: z.string().max(7_000_000).startsWith("data:image/"), filename: text(200).optional() })).max(10).optional(),
  }).refine(m => m.text.trim() !== "" || (m.images?.length ?? 0) > 0, "a prompt needs text or an image"),
  /** Completion for the composer: `@` workspace files (fuzzy) or `/` commands. Answered with `completions`. */
  z.object({ type: z.literal("complete"), requestId: id, kind: z.enum(["file", "command"]), query: text(500) }),
  /** Abort the turn of the session in view (rejects its pending asks first). */
  z.object({ type: z.literal("stop") }),
  z.object({ type: z.literal("newSession") }),
  /** Native pickers, opened by the host. */
  z.object({ type: z.literal("pickSession") }),
  z.object({ type: z.literal("pickFolder") }),
  z.object({ type: z.literal("pickModel") }),
  z.object({ type: z.literal("pickAgent") }),
  /**
   * Providers: the header's "Providers…" button runs opencode.manageProviders; the model line's
   * Connect (`forAnsweringModel`) opens it on the answering model's provider when that has no key.
   */
  z.object({ type: z.literal("manageProviders"), forAnsweringModel: z.boolean().optional() }),
  /** The context meter's Compact (at 90 % and more): summarize the session in view, if it still is this one. */
  z.object({ type: z.literal("compactSession"), sessionID: id }),
  /** Show another session of the same folder in this panel (a sub-agent's child session, or back to the parent). */
  z.object({ type: z.literal("openSession"), sessionID: id }),
  /** A file path from model output; relative paths resolve against the folder. Lines are 1-based. */
  z.object({ type: z.literal("openFile"), path: text(4096).min(1), line: z.number().int().min(1).optional() }),
  /** A link in model output: opened by the host, with a confirmation for non-workspace URLs. */
  z.object({ type: z.literal("openLink"), url: text(8192).min(1) }),
  /** `vscode.diff` of an edit/write/patch tool part's change. */
  z.object({ type: z.literal("openDiff"), messageID: id, partID: id }),
  /** A code block's "insert at cursor". */
  z.object({ type: z.literal("insertCode"), code: text(1_000_000) }),
  /** Held prompts (sent while busy): edit or remove before they go out. */
  z.object({ type: z.literal("queueEdit"), queueID: id, text: text(200_000).min(1) }),
  z.object({ type: z.literal("queueRemove"), queueID: id }),
  /** Per user message. `editResend` reverts to the message, then sends `text`. `fork` forks up to and including it. */
  z.object({ type: z.literal("messageAction"), action: z.enum(["revert", "unrevert", "fork", "editResend"]), messageID: id, text: text(200_000).optional() }),
  /** Resend the last user prompt after an error. */
  z.object({ type: z.literal("retry") }),
  /** An empty state's button. */
  z.object({ type: z.literal("runCommand"), command: PanelCommand }),
  /**
   * An answer to a pending permission ask shown in the panel (the same choices as its native picker):
   * `save` is "always allow in this folder (saved)"; `message` goes with `reject` back to the agent.
   */
  z.object({ type: z.literal("permission"), id, reply: z.enum(["once", "always", "save", "reject"]), message: text(10_000).optional() }),
  /** Answers to every question of a question ask, in order (labels or custom text), or `reject` to dismiss it. */
  z.object({ type: z.literal("question"), id, answers: z.array(z.array(text(10_000)).max(50)).max(20).optional(), reject: z.literal(true).optional() }),
  /** Open the proposed change of a pending edit ask beside, as a diff. */
  z.object({ type: z.literal("askDiff"), id }),
  /** Open the native picker for a pending ask (e.g. to see its full detail). */
  z.object({ type: z.literal("askPicker"), id }),
  /** Turn "auto-approve edits for this session" on or off for the session in view. */
  z.object({ type: z.literal("autoApprove"), on: z.boolean() }),
  /** The review bar: keep or undo every change of the session in view still under review, or open them as a multi-file diff. */
  z.object({ type: z.literal("keepAll") }),
  z.object({ type: z.literal("undoAll") }),
  z.object({ type: z.literal("reviewChanges") }),
  /**
   * After painting a `state` or `history` that left older messages out: the messages of `sessionID`
   * older than `before` (the oldest it holds). Answered with `history`; a stale request is ignored.
   */
  z.object({ type: z.literal("history"), sessionID: id, before: id }),
  /** Answer to a host `test.getText` request; accepted only while test hooks are on (see parseWebviewMessage). */
  z.object({ type: z.literal("test.text"), requestId: z.string().max(100), text: z.string().max(5_000_000) }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessage>;

/** `test.*` messages, either way, exist only while test hooks are on (OPENCODE_VSCODE_TEST=1 in the host). */
export function isTestMessage(type: unknown): boolean {
  return typeof type === "string" && type.startsWith("test.");
}

/** What the host acts on of a webview message: the schema's verdict, and no `test.*` message unless test hooks are on. */
export function parseWebviewMessage(raw: unknown, testHooks: boolean): { ok: true; message: WebviewMessage } | { ok: false; why: string } {
  const parsed = WebviewMessage.safeParse(raw);
  if (!parsed.success) return { ok: false, why: JSON.stringify(parsed.error.issues.slice(0, 3)) };
  if (!testHooks && isTestMessage(parsed.data.type)) return { ok: false, why: `${parsed.data.type} without test hooks` };
  return { ok: true, message: parsed.data };
}

/** Why there is nothing to chat with yet, and the one action that fixes it (a button). */
export type EmptyState = {
  kind: "noFolder" | "untrusted" | "noOpencode" | "serverError" | "noSession";
  message: string;
  action?: { label: string; command: PanelCommand };
};

/** Everything around the conversation: header, banners, empty states, the held prompts. */
export type PanelInfo = {
  folders: { name: string; path: string }[];
  /** The folder this panel works in (its path), when there is one. */
  folder?: string;
  /** A notice shown above everything, e.g. demo mode or an untrusted workspace. */
  banner?: string;
  /** Shown instead of the conversation when there is none to show. */
  empty?: EmptyState;
  server: { kind: "stopped" | "starting" | "running" | "crashed" | "stopping"; detail: string };
  connection?: "connecting" | "connected" | "reconnecting" | "closed";
  /**
   * The prompt that left the composer and that opencode has not recorded yet (it then shows as a
   * message), with what it waits for: "Starting opencode…" or "Sending…".
   */
  sending?: { text: string; step: string };
  /** Prompts held while the session is busy, oldest first; sent one at a time after each turn. */
  queue: { id: string; text: string }[];
  /** What the next prompt uses, as labels ("provider/model", agent name); undefined = the server's default. */
  model?: string;
  agent?: string;
  /** Pending asks of the session in view and its sub-agent sessions, oldest first; answered from the panel or natively. */
  asks?: PanelAsk[];
  /** "Auto-approve edits for this session" is on: edit asks of this session are allowed once without asking. */
  autoApproveEdits?: boolean;
  /** Why tool calls of this window that change things or reach out ran without an ask, by call id (e.g. "saved approval: npm test*"). */
  whyRan?: Record<string, string>;
  /** Context window in tokens of the model that answered last in this session (else the chosen one), when known. */
  contextLimit?: number;
  /** The session's file changes not yet kept or undone (its turns' edits, shown in the editors); absent when none. */
  review?: { files: number; hunks: number };
  /** The model that answers the next prompt, as the folder's server resolves it; absent until known. */
  answering?: ModelLine;
};

/** "<model> · <provider>" that answers the next prompt, and what stands in its way, if anything. */
export type ModelLine = {
  /** Absent when no model can answer (see `problem`). */
  model?: { name: string; provider: string; ref: string; variant?: string; price: string;
    /** Why this one: "chosen for this folder", "the opencode.model setting", "opencode's config", "opencode's default". */
    why: string };
  /**
   * `noModel`: nothing can answer (no provider, or the model named does not exist), so the panel
   * does not send. `noKey`: its provider is defined but has no key yet (opencode would send the
   * request unauthenticated); `unreachable`: the model's API host did not answer a connection. For
   * both the panel says so before the prompt, and sending is up to the user (the check may be wrong).
   */
  problem?: { kind: "noModel" | "noKey" | "unreachable"; message: string };
};

/** A pending ask as the panel shows it: what, and the text the native picker shows too. */
export type PanelAsk =
  | {
    kind: "permission"; id: string; sessionID: string;
    /** e.g. "Edit src/a.ts", "Run a command", "Fetch a URL". */
    title: string;
    /** The command for bash, the URL for webfetch, the path(s) for file tools. */
    detail: string;
    /** What "Always allow" allows from now on, e.g. ["echo *"]. */
    always: string[];
    /** The proposed change can be shown as a diff (edit/write/patch asks). */
    hasDiff: boolean;
  }
  /** `custom`: a typed answer is allowed (opencode's default when the ask leaves it out). */
  | { kind: "question"; id: string; sessionID: string; questions: { header: string; question: string; options: { label: string; description: string }[]; multiple: boolean; custom: boolean }[] };

/**
 * The session in view: its reduced state, children included for task links. A long session's
 * messages are only its newest ones, with `older` set; the webview asks for the rest (`history`).
 */
export type SessionView = { sessionID: string; session: SessionState; parentID?: string; older?: true };

/** Older messages of the session in view, answering the webview's `history` request. */
export type HistoryMessage = {
  type: "history";
  sessionID: string;
  /** The request's `before`: the chunk is the messages just older than this id, oldest first. */
  before: string;
  messages: MessageState[];
  /** Still older messages remain: the webview asks again, before the first of these. */
  older: boolean;
};

export type HostMessage =
  /**
   * Full state, after every `ready` and whenever the panel switches folder or session. `loading`:
   * the id of the session in view while the host has not loaded its messages yet (the server is
   * starting, or the load is on its way); a `state` with them follows. A webview showing what it
   * saved before a reload keeps showing it until then.
   */
  | { type: "state"; panel: PanelInfo; view?: SessionView; loading?: string }
  /** The header and surroundings changed; the conversation did not. */
  | { type: "panel"; panel: PanelInfo }
  /** Reducer actions for the session in view, in order, batched per frame. */
  | { type: "actions"; sessionID: string; actions: Action[] }
  | HistoryMessage
  /** The answer to a `complete` request, best first. `insert` replaces the `@query` or `/query` typed. */
  | { type: "completions"; requestId: string; items: { label: string; detail?: string; insert: string }[] }
  /** Put text in the composer ("Add selection to chat") and focus it. */
  | { type: "composer"; insert: string }
  | { type: "test.getText"; requestId: string };

/**
 * What the webview keeps in its webview state across hides and reloads: the selection it tells the
 * host in `ready`, and what it showed (the newest messages, bounded: src/shared/savedScreen.ts),
 * shown again at once on the next load, marked as restoring, until the host's `state` replaces it.
 */
export type SavedState = { folder?: string; sessionID?: string; screen?: SavedScreen };

/** The part of the panel worth showing before the host answers; asks, held prompts and reviews are left out (they may be stale). */
export type SavedPanel = Pick<PanelInfo, "folders" | "folder" | "banner" | "model" | "agent" | "contextLimit">;
export type SavedScreen = { panel: SavedPanel; view: SessionView };
