import * as vscode from "vscode";
import { z } from "zod";
import { ProviderList } from "../protocol/rest";
import type { FolderSession } from "../conversation/folderSession";

// The agent and model pickers, shared by the chat header and "Run Task…". VS Code's QuickPick
// already searches, is keyboard-first and themed.

const Agent = z.object({ name: z.string(), description: z.string().optional(), mode: z.string().optional(), hidden: z.boolean().optional() }).passthrough();

/** A picked value (undefined = the default), or `cancelled`. */
type Picked = { value: string | undefined } | "cancelled";

export async function pickAgentOf(session: FolderSession, title: string, current: string | undefined): Promise<Picked> {
  const agents = z.array(Agent).parse(await session.client.agents()).filter(a => a.mode !== "subagent" && !a.hidden);
  const pick = await vscode.window.showQuickPick([
    { label: "Default", description: "the agent from settings or opencode's own default (build)", value: undefined as string | undefined },
    ...agents.map(a => ({ label: a.name, description: `${a.description ?? ""}${a.name === current ? " · current" : ""}`, value: a.name })),
  ], { title, placeHolder: "build edits files; plan only reads and proposes" });
  return pick ? { value: pick.value } : "cancelled";
}

export async function pickModelOf(session: FolderSession, title: string, current: string | undefined): Promise<Picked> {
  const { providers } = ProviderList.parse(await session.client.providers());
  const pick = await vscode.window.showQuickPick([
    { label: "Default", description: "the model from settings or opencode's own config", value: undefined as string | undefined },
    ...providers.flatMap(p => Object.entries(p.models).map(([id, m]) => {
      const value = `${p.id}/${id}`;
      return { label: m.name ?? id, description: `${p.name ?? p.id}${value === current ? " · current" : ""}`, detail: value, value };
    })),
  ], { title, placeHolder: "Search models", matchOnDescription: true, matchOnDetail: true });
  return pick ? { value: pick.value } : "cancelled";
}
