import * as vscode from "vscode";
import { z } from "zod";
import { ModelCatalogue } from "../protocol/models";
import { formatPrice } from "../shared/numbers";
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

/** A picked model and, when the model offers variants, one of them (undefined: the model's own default). */
type PickedModel = { value: string | undefined; variant?: string } | "cancelled";
type ModelItem = vscode.QuickPickItem & { value: string | undefined; variant?: string };

/**
 * Every model of every connected provider, with its price and one entry per variant it offers
 * (e.g. reasoning effort). `check`: a button on each model's entry that checks it with a real
 * answer, leaving the picker open.
 */
export async function pickModelOf(session: FolderSession, title: string, current: string | undefined, o: { currentVariant?: string; check?: (ref: string, variant: string | undefined) => void } = {}): Promise<PickedModel> {
  const { providers } = ModelCatalogue.parse(await session.client.providers());
  const checkButton = { iconPath: new vscode.ThemeIcon("pulse"), tooltip: "Check Model: send it a tiny question and time the answer" };
  const buttons = o.check ? [checkButton] : [];
  const items: ModelItem[] = [
    { label: "Default", description: "the model from settings or opencode's own config", value: undefined },
    ...providers.flatMap(p => Object.entries(p.models).flatMap(([id, m]) => {
      const value = `${p.id}/${id}`, name = m.name ?? id, price = formatPrice(m.cost);
      const isCurrent = (variant?: string) => (value === current && variant === o.currentVariant ? " · current" : "");
      return [
        { label: name, description: `${p.name ?? p.id} · ${price}${isCurrent()}`, detail: value, value, buttons },
        ...Object.keys(m.variants ?? {}).map(variant => ({ label: `${name} (${variant})`, description: `${p.name ?? p.id} · variant ${variant}${isCurrent(variant)}`, detail: `${value} · ${variant}`, value, variant, buttons })),
      ];
    })),
  ];
  const qp = vscode.window.createQuickPick<ModelItem>();
  Object.assign(qp, { title, placeholder: "Search models", matchOnDescription: true, matchOnDetail: true, items });
  const picked = new Promise<PickedModel>(resolve => {
    qp.onDidAccept(() => { const pick = qp.selectedItems[0]; resolve(pick ? { value: pick.value, variant: pick.variant } : "cancelled"); qp.hide(); });
    qp.onDidHide(() => resolve("cancelled"));
  });
  qp.onDidTriggerItemButton(({ item }) => item.value && o.check?.(item.value, item.variant));
  qp.show();
  try { return await picked; } finally { qp.dispose(); }
}
