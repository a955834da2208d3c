import * as vscode from "vscode";
import type { PermissionRequest } from "../protocol/ask";
import { alwaysText, type PermissionText } from "./askText";

export type PermissionChoice = { reply: "once" | "always" | "save" } | { reply: "reject"; message?: string };

type Item = vscode.QuickPickItem & { id: "diff" | "chat" | "once" | "always" | "save" | "reject" | "feedback" };

type PermissionPickerOptions = {
  ask: PermissionRequest;
  text: PermissionText;
  /** "Session title · folder", and "(2 of 3)" when more asks wait. */
  context: string;
  /** Opens (or re-opens) the proposed change beside the picker; only for asks with a diff. */
  showDiff?: () => void;
  showInChat: () => void;
  /** Fires when the ask was settled elsewhere (panel, another client, expired): the picker closes. */
  cancel: vscode.Event<void>;
  /** Called once the picker is on screen. */
  onShown?: () => void;
};

/**
 * One permission ask as a QuickPick. Never approves by accident: the item active when it opens is
 * "Show Diff" (or "Show in Chat"), which decides nothing, and only "Reject" rejects. Hidden without a
 * choice (Escape, focus taken by another quick input: VS Code reports both alike) resolves
 * undefined and the ask stays pending.
 */
export function pickPermission(o: PermissionPickerOptions): Promise<PermissionChoice | undefined> {
  const items: Item[] = [
    ...(o.showDiff ? [{ id: "diff" as const, label: "$(diff) Show Diff", description: "the proposed change, beside" }] : []),
    { id: "chat", label: "$(comment-discussion) Show in Chat", description: "the conversation that asks" },
    { id: "once", label: "$(check) Allow once", description: "this call only" },
    { id: "always", label: "$(check-all) Always allow", description: alwaysText(o.ask), detail: "from now on, for every session in this folder, until the window closes" },
    { id: "save", label: "$(save) Always allow in this folder (saved)", description: alwaysText(o.ask), detail: "kept in this workspace's state (no file is written) and passed to opencode on every start; remove with “opencode: Manage Saved Approvals”" },
    { id: "reject", label: "$(close) Reject", description: "the agent stops this turn" },
    { id: "feedback", label: "$(feedback) Reject with feedback…", description: "tell the agent what to do instead; it continues" },
  ];
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = `opencode: ${o.text.title} — ${o.context}`;
  qp.placeholder = o.text.detail.replace(/\s+/g, " ").slice(0, 300);
  qp.items = items;
  qp.activeItems = [items[0]];
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = true;
  return new Promise(resolve => {
    let asking = false, settled = false;
    const subs: vscode.Disposable[] = [];
    const done = (choice: PermissionChoice | undefined) => {
      if (settled) return;
      settled = true;
      subs.forEach(d => d.dispose());
      qp.dispose();
      resolve(choice);
    };
    subs.push(o.cancel(() => done(undefined)));
    subs.push(qp.onDidAccept(async () => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (!item) return;
      if (item.id === "diff") return o.showDiff?.();
      if (item.id === "chat") return o.showInChat();
      if (item.id !== "feedback") return done({ reply: item.id });
      asking = true;
      const message = await feedback(o.text.title, o.cancel);
      asking = false;
      if (message?.trim()) return done({ reply: "reject", message: message.trim() });
      if (!settled) qp.show(); // back to the choices: an empty feedback rejects nothing
    }));
    // The feedback box hides the picker too; that is not the user leaving the ask.
    subs.push(qp.onDidHide(() => { if (!asking) done(undefined); }));
    qp.show();
    o.onShown?.();
  });
}

/** The "Reject with feedback…" box; closes (undefined) when the ask is settled elsewhere meanwhile. */
function feedback(title: string, cancel: vscode.Event<void>): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = `Reject: ${title}`;
  box.prompt = "What should the agent do instead? It gets this as the tool's result and continues.";
  box.placeholder = "Empty, or Escape: back to the choices";
  box.ignoreFocusOut = true;
  return new Promise(resolve => {
    let value: string | undefined;
    const subs = [
      cancel(() => box.hide()),
      box.onDidChangeValue(v => { box.validationMessage = v.trim() ? undefined : "Write what the agent should do instead, or press Escape to go back"; }),
      box.onDidAccept(() => { value = box.value; box.hide(); }),
      box.onDidHide(() => { subs.forEach(d => d.dispose()); box.dispose(); resolve(value); }),
    ];
    box.show();
  });
}
