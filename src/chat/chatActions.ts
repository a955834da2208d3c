import * as vscode from "vscode";
import type { WebviewMessage } from "../shared/messages";
import { findSession } from "../protocol/state";
import type { PromptOptions } from "../conversation/client";
import { askFolder } from "../workspace/folderPick";
import type { Chat } from "./chatContext";
import { pickAgent, pickModel, pickSession } from "./pickers";
import { openDiff, openFile, openLink } from "./links";
import { asCommand, attachmentParts, completeCommand } from "./completions";
import { saveBeforePrompt } from "../approvals/saveBeforePrompt";
import { parseModelRef } from "../protocol/modelRef";
import { offerConnectProvider } from "../models/connectProvider";

/** The webview's requests, already validated. Errors are shown to the user, never thrown at the webview. */
export async function handleMessage(c: Chat, m: Exclude<WebviewMessage, { type: "ready" | "test.text" | "history" }>): Promise<void> {
  try {
    await dispatch(c, m);
  } catch (err) {
    void c.deps.reportError(err, `chat: ${m.type}`);
  }
}

async function dispatch(c: Chat, m: Exclude<WebviewMessage, { type: "ready" | "test.text" | "history" }>): Promise<void> {
  const folder = c.folder;
  switch (m.type) {
    case "send": return send(c, m.text, m.files, m.images);
    case "complete": return complete(c, m.requestId, m.kind, m.query);
    case "stop": return stop(c);
    case "newSession": return c.select(folder, undefined);
    case "pickFolder": { const f = await askFolder("opencode: chat in which folder?"); if (f) c.select(f, c.deps.memory.lastSession(f)); return; }
    case "pickSession": return pickSession(c);
    case "pickModel": return pickModel(c);
    case "pickAgent": return pickAgent(c);
    case "manageProviders": return void vscode.commands.executeCommand("opencode.manageProviders", folder?.uri, m.forAnsweringModel && folder ? c.deps.models.providerLackingCredential(folder) : undefined);
    case "openSession": {
      // A sub-agent's session opens beside this one (its "↑ Parent" comes back here); anything else in place.
      const target = c.folderSession && findSession(c.folderSession.state, m.sessionID);
      if (folder && c.sessionID && target?.info?.parentID === c.sessionID) return c.deps.openInEditor(folder, m.sessionID);
      return c.select(folder, m.sessionID);
    }
    case "compactSession": return folder && m.sessionID === c.sessionID ? void vscode.commands.executeCommand("opencode.sessions.compact", { folder, sessionID: m.sessionID }) : undefined;
    case "openFile": return folder && openFile(folder, m.path, m.line);
    case "openLink": return openLink(m.url, folder);
    case "openDiff": return openDiff(c, m.messageID, m.partID);
    case "insertCode": return insertCode(m.code);
    case "queueEdit": { if (c.sessionID) c.folderSession?.held.edit(c.sessionID, m.queueID, m.text); return; }
    case "queueRemove": { if (c.sessionID) c.folderSession?.held.remove(c.sessionID, m.queueID); return; }
    case "messageAction": return messageAction(c, m.action, m.messageID, m.text);
    case "retry": return retry(c);
    // Check Model checks the model of this chat's folder, not of whatever editor is in front.
    case "runCommand": return void vscode.commands.executeCommand(m.command, ...(m.command === "opencode.checkModel" && folder ? [{ folder: folder.uri.toString() }] : []));
    case "permission": return folder && c.deps.asks.answerFromPanel(folder, m.id, m.reply === "reject" ? { reply: "reject", message: m.message } : { reply: m.reply });
    case "question": return folder && c.deps.asks.answerFromPanel(folder, m.id, m.reject ? { reject: true } : { answers: m.answers ?? [] });
    case "askDiff": return folder && c.deps.asks.showDiff(folder, m.id);
    case "askPicker": return c.deps.asks.reopen(m.id);
    case "autoApprove": return folder && c.sessionID ? c.deps.asks.setAutoApprove(folder, c.sessionID, m.on) : undefined;
    case "keepAll": case "undoAll": case "reviewChanges": return reviewAction(c, m.type);
  }
}

/** The review bar acts on the session in view only: other sessions' changes stay under review. */
function reviewAction(c: Chat, action: "keepAll" | "undoAll" | "reviewChanges"): Promise<void> | void {
  if (!c.folder || !c.sessionID) return;
  const review = c.deps.review, files = review.files({ folder: c.folder, sessionID: c.sessionID });
  if (action === "keepAll") return review.keepFiles(files);
  if (action === "undoAll") return review.undoFiles(files);
  const title = c.folderSession && findSession(c.folderSession.state, c.sessionID)?.info?.title;
  return review.review(files, `opencode: changes of “${title || "this session"}”`);
}

/** Sends a prompt to the session in view, creating the session first for a new conversation. */
export async function send(c: Chat, text: string, files?: { path: string }[], images?: { mime: string; dataUrl: string; filename?: string }[]): Promise<void> {
  const folder = c.folder;
  if (!folder) throw new Error("open a folder first");
  if (!(await saveBeforePrompt(folder))) {
    // Cancelled: nothing was sent, so the prompt goes back where the user typed it.
    if (text) c.post({ type: "composer", insert: text });
    return;
  }
  c.setOutgoing(text);
  try {
    const outcome = await dispatchPrompt(c, folder, text, files, images);
    if (outcome !== "sent") c.setOutgoing(undefined);
  } catch (err) {
    // Not sent (or not known to be): the prompt goes back to the composer, and the error is shown.
    c.setOutgoing(undefined);
    if (text) c.post({ type: "composer", insert: text });
    throw err;
  }
}

async function dispatchPrompt(c: Chat, folder: vscode.WorkspaceFolder, text: string, files?: { path: string }[], images?: { mime: string; dataUrl: string; filename?: string }[]): Promise<"sent" | "held" | "blocked"> {
  await c.deps.pool.start(folder);
  // No model can answer (asked again: a provider may have been connected since): the panel says so
  // with its fix, and sending would only end in a provider error.
  if (c.deps.models.blocksPrompt(folder) && (await c.deps.models.refresh(folder), c.deps.models.blocksPrompt(folder))) {
    if (text) c.post({ type: "composer", insert: text });
    void offerConnectProvider(c.deps.models.line(folder)?.problem?.message ?? "No model can answer yet.", folder);
    return "blocked";
  }
  const session = c.folderSession ?? c.deps.pool.session(folder);
  let sessionID = c.sessionID;
  if (!sessionID) {
    // Untitled: opencode names it from the first prompt.
    sessionID = (await session.client.createSession()).id;
    c.select(folder, sessionID);
  }
  const attachments = await attachmentParts(folder, files, images);
  const command = await asCommand(session, text);
  // A picture alone is a prompt too ("what is wrong here?" is often the screenshot itself).
  const parts = text.trim() ? [{ type: "text" as const, text }, ...attachments] : attachments;
  return session.send(sessionID, text, parts, promptOptions(c), command);
}

async function complete(c: Chat, requestId: string, kind: "file" | "command", query: string): Promise<void> {
  const folder = c.folder, session = c.folderSession;
  const items = !folder || !session ? [] : kind === "file" ? await c.deps.files.complete(folder, query) : await completeCommand(session, query).catch(() => []);
  c.post({ type: "completions", requestId, items });
}

function promptOptions(c: Chat): PromptOptions {
  const folder = c.folder!;
  const model = c.deps.memory.model(folder);
  const agent = c.deps.memory.agent(folder);
  const ref = parseModelRef(model);
  const variant = ref ? c.deps.memory.variant(folder) : undefined;
  return {
    ...(ref ? { model: ref } : {}),
    ...(variant ? { variant } : {}),
    ...(agent ? { agent } : {}),
  };
}

/** Stop: held prompts go back to the composer (nothing sent, nothing lost), then the turn is aborted. */
export async function stop(c: Chat): Promise<void> {
  if (!c.sessionID || !c.folderSession) return;
  const held = c.folderSession.held.takeAll(c.sessionID);
  if (held.length) c.post({ type: "composer", insert: held.map(p => p.text).join("\n\n") });
  await c.folderSession.client.stop(c.sessionID);
}

async function retry(c: Chat): Promise<void> {
  const session = c.folderSession && c.sessionID ? findSession(c.folderSession.state, c.sessionID) : undefined;
  const lastUser = session?.messages.filter(m => m.info.role === "user").at(-1);
  const text = lastUser?.parts.flatMap(p => (p.type === "text" && !p.synthetic ? [p.text] : [])).join("\n");
  if (text) await send(c, text);
}

async function messageAction(c: Chat, action: "revert" | "unrevert" | "fork" | "editResend", messageID: string, text?: string): Promise<void> {
  const session = c.folderSession;
  const sessionID = c.sessionID;
  if (!session || !sessionID) return;
  const state = findSession(session.state, sessionID);
  const busy = state && state.status.type !== "idle";
  if (busy && (action === "revert" || action === "editResend")) throw new Error("wait for the turn to finish (or stop it) before reverting");
  switch (action) {
    case "revert": await session.client.revert(sessionID, messageID); return;
    case "unrevert": await session.client.unrevert(sessionID); return;
    case "editResend":
      // The revert drops this message and everything after it once the next prompt is sent.
      await session.client.revert(sessionID, messageID);
      if (text) await send(c, text);
      return;
    case "fork": {
      // opencode copies the messages *before* the id given: pass the next user message so the fork
      // includes this one and its replies. Its server title is always "(fork #1)": name it ourselves.
      const users = state?.messages.filter(m => m.info.role === "user").map(m => m.info.id) ?? [];
      const next = users.find(id => id > messageID);
      const fork = await session.client.forkSession(sessionID, next);
      await session.client.renameSession(fork.id, `${state?.info?.title || "Session"} (fork)`);
      c.select(c.folder, fork.id);
      return;
    }
  }
}

async function insertCode(code: string): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) return void vscode.window.showInformationMessage("opencode: open a file to insert the code into.");
  await editor.edit(b => editor.selections.forEach(s => b.replace(s, code)));
}
