import * as vscode from "vscode";
import type { QuestionRequest } from "../protocol/ask";

export type QuestionChoice = { answers: string[][] } | { reject: true };

type Item = vscode.QuickPickItem & { kind2: "option" | "other" | "dismiss" };
const dismissButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("close"), tooltip: "Dismiss the question (the agent stops this turn)" };

/**
 * A question ask as QuickPicks, one question after another with Back: options (several when
 * `multiple`), "Other…" for a typed answer when allowed, and Dismiss (which rejects). Hidden without
 * a choice, the ask stays pending like a permission.
 */
export async function pickQuestion(ask: QuestionRequest, context: string, cancel: vscode.Event<void>, onShown?: () => void): Promise<QuestionChoice | undefined> {
  const answers: string[][] = [];
  let i = 0;
  while (i < ask.questions.length) {
    const step = await pickOne(ask, i, context, cancel, answers[i], onShown);
    if (step === "back") { i = Math.max(0, i - 1); continue; }
    if (step === undefined || "reject" in step) return step;
    answers[i] = step.answer;
    i++;
  }
  return { answers };
}

type Step = { answer: string[] } | { reject: true } | "back" | undefined;

function pickOne(ask: QuestionRequest, index: number, context: string, cancel: vscode.Event<void>, previous?: string[], onShown?: () => void): Promise<Step> {
  const q = ask.questions[index];
  const multiple = q.multiple === true, custom = q.custom !== false;
  const qp = vscode.window.createQuickPick<Item>();
  const count = ask.questions.length > 1 ? ` (${index + 1} of ${ask.questions.length})` : "";
  qp.title = `opencode asks${count}: ${q.header || "a question"} — ${context}`;
  qp.placeholder = q.question.replace(/\s+/g, " ").slice(0, 300);
  qp.canSelectMany = multiple;
  qp.ignoreFocusOut = true;
  const items: Item[] = [
    ...q.options.map(o => ({ kind2: "option" as const, label: o.label, detail: o.description || undefined })),
    ...(custom ? [{ kind2: "other" as const, label: "$(edit) Other…", description: "type your own answer" }] : []),
    ...(multiple ? [] : [{ kind2: "dismiss" as const, label: "$(close) Dismiss", description: "the agent stops this turn" }]),
  ];
  qp.items = items;
  if (multiple && previous) qp.selectedItems = items.filter(it => previous.includes(it.label));
  qp.buttons = [...(index > 0 ? [vscode.QuickInputButtons.Back] : []), dismissButton];
  return new Promise(resolve => {
    let typing = false, settled = false;
    const subs: vscode.Disposable[] = [];
    const done = (s: Step) => {
      if (settled) return;
      settled = true;
      subs.forEach(d => d.dispose());
      qp.dispose();
      resolve(s);
    };
    const typed = async (): Promise<string | undefined> => {
      typing = true;
      const v = await vscode.window.showInputBox({ title: `Your answer${q.header ? `: ${q.header}` : ""}`, prompt: q.question, ignoreFocusOut: true });
      typing = false;
      return v?.trim() || undefined;
    };
    subs.push(cancel(() => done(undefined)));
    subs.push(qp.onDidTriggerButton(b => done(b === vscode.QuickInputButtons.Back ? "back" : { reject: true })));
    subs.push(qp.onDidAccept(async () => {
      const picked = multiple ? [...qp.selectedItems] : [qp.activeItems[0]].filter(Boolean);
      if (!picked.length) return;
      if (picked.some(p => p.kind2 === "dismiss")) return done({ reject: true });
      const labels = picked.filter(p => p.kind2 === "option").map(p => p.label);
      if (picked.some(p => p.kind2 === "other")) {
        const own = await typed();
        if (!own) { if (!settled) qp.show(); return; }
        labels.push(own);
      }
      done({ answer: labels });
    }));
    subs.push(qp.onDidHide(() => { if (!typing) done(undefined); }));
    qp.show();
    onShown?.();
  });
}
