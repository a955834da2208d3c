// The webview's check of what reaches it: host messages, and the conversation it saved before a
// reload (model output kept in VS Code's storage). Hand-written, not zod: zod stays out of the
// webview bundle, and a streamed reply is hundreds of `actions` a second, so each message gets its
// discriminant and the fields the webview reads before it touches anything checked, no more. A
// message that fails is dropped whole: one bad message never reaches the model or the renderer.
import type { SavedScreen } from "./messages";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === "string";
const optStr = (v: unknown) => v === undefined || isStr(v);
const optNum = (v: unknown) => v === undefined || typeof v === "number";
/** The first problem of the items of an array, with its index. */
function each(v: unknown, what: string, check: (x: unknown) => string | undefined): string | undefined {
  if (!Array.isArray(v)) return `${what} is not an array`;
  for (let i = 0; i < v.length; i++) {
    const p = check(v[i]);
    if (p) return `${what}[${i}]: ${p}`;
  }
  return undefined;
}

/** Why `m` is not a host message the webview can apply, or undefined. `test.*` is one only while test hooks are on. */
export function hostMessageProblem(m: unknown, testHooks: boolean): string | undefined {
  if (!isObj(m)) return "not an object";
  switch (m.type) {
    case "state":
      return panelProblem(m.panel) ?? (m.view === undefined ? undefined : viewProblem(m.view)) ?? (optStr(m.loading) ? undefined : "loading");
    case "panel": return panelProblem(m.panel);
    case "actions": return isStr(m.sessionID) ? each(m.actions, "actions", actionProblem) : "sessionID";
    case "history":
      if (!isStr(m.sessionID) || !isStr(m.before) || typeof m.older !== "boolean") return "sessionID, before or older";
      return each(m.messages, "messages", messageProblem);
    case "completions":
      return isStr(m.requestId) ? each(m.items, "items", i => (isObj(i) && isStr(i.label) && isStr(i.insert) && optStr(i.detail) ? undefined : "label or insert")) : "requestId";
    case "composer": return isStr(m.insert) ? undefined : "insert";
    case "test.getText":
      if (!testHooks) return "test.getText without test hooks";
      return isStr(m.requestId) ? undefined : "requestId";
    default: return `unknown type ${JSON.stringify(m.type)}`;
  }
}

/** Why a saved screen (from the webview state) cannot be shown, or undefined. */
export function screenProblem(s: unknown): string | undefined {
  if (!isObj(s) || !isObj(s.panel)) return "no panel";
  const p = s.panel;
  if (!optStr(p.folder) || !optStr(p.banner) || !optStr(p.model) || !optStr(p.agent) || !optNum(p.contextLimit)) return "panel fields";
  return each(p.folders, "folders", folderProblem) ?? viewProblem(s.view);
}
export const isScreen = (s: unknown): s is SavedScreen => screenProblem(s) === undefined;

const folderProblem = (f: unknown) => (isObj(f) && isStr(f.name) && isStr(f.path) ? undefined : "name or path");

function panelProblem(p: unknown): string | undefined {
  if (!isObj(p)) return "panel is not an object";
  if (!optStr(p.folder) || !optStr(p.banner) || !optStr(p.model) || !optStr(p.agent) || !optStr(p.connection) || !optNum(p.contextLimit)) return "panel fields";
  if (!isObj(p.server) || !isStr(p.server.kind) || !isStr(p.server.detail)) return "panel.server";
  if (p.empty !== undefined && !(isObj(p.empty) && isStr(p.empty.kind) && isStr(p.empty.message) && (p.empty.action === undefined || (isObj(p.empty.action) && isStr(p.empty.action.label))))) return "panel.empty";
  if (p.review !== undefined && !(isObj(p.review) && typeof p.review.files === "number" && typeof p.review.hunks === "number")) return "panel.review";
  return each(p.folders, "panel.folders", folderProblem)
    ?? each(p.queue, "panel.queue", q => (isObj(q) && isStr(q.id) && isStr(q.text) ? undefined : "id or text"))
    ?? (p.asks === undefined ? undefined : each(p.asks, "panel.asks", askProblem));
}

function askProblem(a: unknown): string | undefined {
  if (!isObj(a) || !isStr(a.id) || !isStr(a.sessionID)) return "id or sessionID";
  if (a.kind === "permission") return isStr(a.title) && isStr(a.detail) && Array.isArray(a.always) ? undefined : "permission fields";
  if (a.kind !== "question") return "kind";
  return each(a.questions, "questions", q => (isObj(q) && isStr(q.question) && isStr(q.header) && Array.isArray(q.options) ? undefined : "question fields"));
}

function viewProblem(v: unknown): string | undefined {
  if (!isObj(v) || !isStr(v.sessionID) || !optStr(v.parentID)) return "view: sessionID or parentID";
  const s = v.session;
  if (!isObj(s) || !isStr(s.id) || !isObj(s.status) || !isStr(s.status.type)) return "view.session: id or status";
  if (s.info !== undefined && !(isObj(s.info) && isStr(s.info.id) && optStr(s.info.title))) return "view.session.info";
  for (const k of ["todos", "permissions", "questions", "diff"]) if (!Array.isArray(s[k])) return `view.session.${k}`;
  return each(s.messages, "view.session.messages", messageProblem);
}

function messageProblem(m: unknown): string | undefined {
  if (!isObj(m)) return "not an object";
  return infoProblem(m.info) ?? each(m.parts, "parts", partProblem);
}

function infoProblem(i: unknown): string | undefined {
  if (!isObj(i) || !isStr(i.id) || !isStr(i.sessionID) || !isObj(i.time)) return "info: id, sessionID or time";
  return i.role === "user" || i.role === "assistant" ? undefined : "info.role";
}

function partProblem(p: unknown): string | undefined {
  if (!isObj(p) || !isStr(p.id) || !isStr(p.messageID) || !isStr(p.type)) return "id, messageID or type";
  if ((p.type === "text" || p.type === "reasoning") && !isStr(p.text)) return "text";
  if (p.type === "tool" && !(isStr(p.tool) && isObj(p.state) && isStr(p.state.status))) return "tool or state";
  return undefined;
}

/** The fields of the reducer's actions that it and the store read first; the deltas' path is a handful of typeofs. */
function actionProblem(a: unknown): string | undefined {
  if (!isObj(a)) return "not an object";
  switch (a.kind) {
    case "event": return eventProblem(a.event);
    case "sessions": return each(a.sessions, "sessions", s => (isObj(s) && isStr(s.id) ? undefined : "id"));
    case "statuses": return isObj(a.statuses) ? undefined : "statuses";
    case "messages": return isStr(a.sessionID) ? each(a.messages, "messages", messageProblem) : "sessionID";
    case "pending": return Array.isArray(a.permissions) && Array.isArray(a.questions) ? undefined : "permissions or questions";
    default: return `unknown action kind ${JSON.stringify(a.kind)}`;
  }
}

function eventProblem(e: unknown): string | undefined {
  if (!isObj(e) || !isStr(e.type)) return "event: type";
  if (e.type === "server.connected" || e.type === "server.heartbeat") return undefined;
  if (!isObj(e.properties)) return "event: properties";
  const p = e.properties;
  switch (e.type) {
    case "message.part.delta":
      return isStr(p.sessionID) && isStr(p.messageID) && isStr(p.partID) && isStr(p.field) && isStr(p.delta) ? undefined : "delta fields";
    case "message.part.updated": return partProblem(p.part) ?? (isStr((p.part as Obj).sessionID) ? undefined : "part.sessionID");
    case "message.updated": return infoProblem(p.info);
    case "message.removed": return isStr(p.sessionID) && isStr(p.messageID) ? undefined : "sessionID or messageID";
    case "session.created": case "session.updated": case "session.deleted": return isObj(p.info) && isStr(p.info.id) ? undefined : "info.id";
    case "session.status": return isStr(p.sessionID) && isObj(p.status) && isStr(p.status.type) ? undefined : "sessionID or status";
    case "file.edited": return undefined;
    case "session.error": return optStr(p.sessionID) ? undefined : "sessionID";
    case "todo.updated": return isStr(p.sessionID) && Array.isArray(p.todos) ? undefined : "sessionID or todos";
    case "session.diff": return isStr(p.sessionID) && Array.isArray(p.diff) ? undefined : "sessionID or diff";
    case "permission.asked": case "question.asked": return isStr(p.sessionID) && isStr(p.id) ? undefined : "sessionID or id";
    default: return isStr(p.sessionID) ? undefined : "sessionID";
  }
}
