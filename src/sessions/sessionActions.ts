import * as vscode from "vscode";
import type { Lazy } from "../common/lazy";
import type { ChatHub } from "../chat/chatHub";
import type { Runs } from "../runs/runs";
import type { EditReview } from "../review/editReview";
import type { ModelStatus } from "../models/modelStatus";
import type { ServerPool } from "../workspace/serverPool";
import type { Log } from "../host/log";
import { type DiffDocuments, ownerKey } from "../host/diffDocuments";
import { HttpError } from "../common/errors";
import { closeTabsUnder } from "../runs/deliverableTabs";
import type { SessionRef } from "./sessionRef";
import { allMessages, sessionInfo } from "./engine/sessionMessages";
import { sessionMarkdown } from "./engine/sessionExport";
import { compactionModel } from "./engine/compactModel";
import { sessionHandle } from "./engine/sessionHandle";
import { shareRefusal } from "./engine/shareRefusal";

export type SessionActionDeps = { pool: ServerPool; chat: Lazy<ChatHub>; runs: Lazy<Runs>; review: Lazy<EditReview>; models: ModelStatus; docs: DiffDocuments; log: Log };

/** A summary turn is one model call over the whole session: as long as a long answer may take. */
const compactTimeoutMs = 10 * 60_000;

/** What the session commands do once they know the session (sessionCommands.ts finds it). */
export class SessionActions {
  constructor(private readonly d: SessionActionDeps) {}

  async #client(folder: vscode.WorkspaceFolder) {
    await this.d.pool.start(folder);
    return this.d.pool.session(folder).client;
  }

  /** After a modal; its chat tabs and diff tabs close, the sidebar chat starts a new session, a run of it leaves the Runs view. */
  async delete(ref: SessionRef): Promise<boolean> {
    const name = ref.title || ref.sessionID;
    const sure = await vscode.window.showWarningMessage(`Delete the session “${name}”?`,
      { modal: true, detail: "Its messages are removed from opencode for good. Changes it made to files stay." }, "Delete");
    if (sure !== "Delete") return false;
    const client = await this.#client(ref.folder);
    const run = this.d.runs().manager.find(ref.sessionID);
    // A run's session goes with its run: the run's own delete removes the session, its folder and its entry.
    if (run) {
      await this.d.runs().manager.delete(run);
      await closeTabsUnder(run.record.runDir);
    } else {
      await client.deleteSession(ref.sessionID);
    }
    this.d.review().forget(ref.sessionID);
    this.d.chat.peek()?.closeSession(ref.folder, ref.sessionID);
    await this.d.docs.closeOwnedBy(ownerKey(ref.folder.uri, ref.sessionID));
    return true;
  }

  /** A copy of every message (opencode titles it "<title> (fork #n)"), opened where the original was shown. */
  async fork(ref: SessionRef): Promise<SessionRef> {
    const fork = await (await this.#client(ref.folder)).forkSession(ref.sessionID);
    const title = typeof fork.title === "string" ? fork.title : undefined;
    const showing = this.d.chat.peek()?.controllers().find(c => c.sessionID === ref.sessionID && c.folder?.uri.toString() === ref.folder.uri.toString());
    if (showing) showing.select(ref.folder, fork.id);
    else await this.d.chat().openInEditor(ref.folder, fork.id);
    return { folder: ref.folder, sessionID: fork.id, title };
  }

  /** After a modal; the public link goes to the clipboard. Undefined when the user declined. */
  async share(ref: SessionRef): Promise<string | undefined> {
    // Refused before the modal: asking for consent to something that cannot happen wastes it.
    const client = await this.#client(ref.folder);
    const refusal = shareRefusal(await client.config());
    if (refusal) throw new Error(refusal);
    const sure = await vscode.window.showWarningMessage(`Share the session “${ref.title || ref.sessionID}”?`,
      { modal: true, detail: "The whole conversation (prompts, answers, tool output, file contents it read) becomes a public link on opencode's share service: anyone with the link can read it." }, "Share");
    if (sure !== "Share") return undefined;
    // Offline, opencode 1.18.33 answers a bare 500 (`{"_tag":"InternalServerError"}`): say what it takes instead.
    const shared = await client.share(ref.sessionID).catch(err => {
      if (!(err instanceof HttpError)) throw err;
      throw new Error(`opencode could not publish it (HTTP ${err.status}). Sharing uploads the conversation to opencode's share service, which needs network access from the machine opencode runs on.`);
    });
    const url = (shared.share as { url?: unknown } | undefined)?.url;
    if (typeof url !== "string") throw new Error("opencode shared the session but sent no link.");
    await vscode.env.clipboard.writeText(url);
    void vscode.window.showInformationMessage(`opencode: the share link is on the clipboard: ${url}`);
    return url;
  }

  async unshare(ref: SessionRef): Promise<void> {
    await (await this.#client(ref.folder)).unshare(ref.sessionID);
    void vscode.window.showInformationMessage(`opencode: “${ref.title || ref.sessionID}” is no longer shared.`);
  }

  /** The transcript as an untitled Markdown document. */
  async export(ref: SessionRef): Promise<vscode.TextDocument> {
    const client = await this.#client(ref.folder);
    const [info, messages] = await Promise.all([sessionInfo(client, ref.sessionID), allMessages(client, ref.sessionID)]);
    const content = sessionMarkdown({ id: info.id, title: info.title, created: info.time.created, directory: info.directory ?? ref.folder.uri.fsPath }, messages);
    const doc = await vscode.workspace.openTextDocument({ language: "markdown", content });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  /** `<folder path>#<session id>` on the clipboard (Open Session by ID takes it, or the bare id). */
  async copyId(ref: SessionRef): Promise<string> {
    const handle = sessionHandle(ref.folder.uri.fsPath, ref.sessionID);
    await vscode.env.clipboard.writeText(handle);
    void vscode.window.showInformationMessage(`opencode: copied ${ref.sessionID} (folder ${ref.folder.uri.fsPath}).`);
    return handle;
  }

  /** Opens the session in the chat once the folder's server knows it (a 404 names the id). */
  async open(ref: SessionRef): Promise<void> {
    const client = await this.#client(ref.folder);
    await sessionInfo(client, ref.sessionID);
    this.d.chat().showSession(ref.folder, ref.sessionID);
  }

  /** Summarizes the session with its own model; the progress lasts until the summary turn ends. */
  async compact(ref: SessionRef): Promise<void> {
    const client = await this.#client(ref.folder);
    const answering = await this.d.models.refresh(ref.folder);
    const model = compactionModel(await allMessages(client, ref.sessionID), answering && "providerID" in answering ? answering : undefined);
    if (!model) throw new Error("no model can compact this session: none answered it, and the folder has no model (pick one in the chat's model picker).");
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `opencode: compacting “${ref.title || ref.sessionID}” with ${model.providerID}/${model.modelID}…` },
      () => client.summarize(ref.sessionID, { providerID: model.providerID, modelID: model.modelID }, compactTimeoutMs));
  }
}
