import type { OpencodeApi } from "../../protocol/api";
import type { AuthMethod } from "../../protocol/providers";
import { loopbackRedirectPort, promptApplies, providerRows, type ProviderRow } from "./providerRows";

export type ProviderApi = Pick<OpencodeApi, "providerCatalog" | "authMethods" | "setApiKey" | "removeAuth" | "oauthAuthorize" | "oauthCallback">;

export type ProviderAction = { kind: "connect"; index: number; method: AuthMethod } | { kind: "disconnect" };

/** The questions the flow asks; the extension answers with VS Code's pickers, a test with a script. */
export interface ProviderUi {
  pickProvider(rows: ProviderRow[]): Promise<ProviderRow | undefined>;
  pickAction(row: ProviderRow, actions: ProviderAction[]): Promise<ProviderAction | undefined>;
  /** A masked input (a key or a pasted code): what it returns goes to the server and nowhere else. */
  askSecret(title: string, prompt: string): Promise<string | undefined>;
  askText(title: string, prompt: string, placeholder?: string): Promise<string | undefined>;
  pickOption(title: string, options: { label: string; value: string; hint?: string }[]): Promise<string | undefined>;
  confirm(message: string, action: string): Promise<boolean>;
  info(message: string): void;
  /** Runs `work` with a cancel button; cancelling aborts its signal. */
  waitCancellable<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export type ProviderFlowDeps = {
  api: ProviderApi;
  ui: ProviderUi;
  openExternal(url: string): Promise<boolean>;
  /**
   * Set on a remote machine: forwards a loopback port so the browser's redirect to localhost:port
   * reaches opencode here; false when the forward cannot keep that port number.
   */
  forwardLoopbackPort?: (port: number) => Promise<boolean>;
  /** Makes running servers use the credentials just stored: they keep the old ones until then. */
  applyCredentials(): Promise<void>;
};

export type FlowOutcome = "connected" | "disconnected" | "cancelled";

/**
 * The whole "Manage Providers…" flow: pick a provider, then connect it one of its ways or disconnect
 * it. `providerID` skips the pick (the chat's "Connect" for the provider of the model that will answer).
 */
export async function manageProviders(d: ProviderFlowDeps, providerID?: string): Promise<FlowOutcome> {
  const [catalog, methods] = await Promise.all([d.api.providerCatalog(), d.api.authMethods()]);
  const rows = providerRows(catalog, methods);
  const row = rows.find(r => r.id === providerID) ?? await d.ui.pickProvider(rows);
  if (!row) return "cancelled";
  const actions: ProviderAction[] = row.methods.map((method, index) => ({ kind: "connect", index, method }));
  if (row.removable) actions.push({ kind: "disconnect" });
  const action = await d.ui.pickAction(row, actions);
  if (!action) return "cancelled";
  return action.kind === "disconnect" ? disconnect(d, row) : connect(d, row, action.index, action.method);
}

async function connect(d: ProviderFlowDeps, row: Pick<ProviderRow, "id" | "name" | "methods">, index: number, method: AuthMethod): Promise<FlowOutcome> {
  const answers = await askPrompts(d.ui, row.name, method);
  if (!answers) return "cancelled";
  const done = method.type === "api" ? await connectApiKey(d, row, answers) : await connectOAuth(d, row, index, answers);
  if (!done) return "cancelled";
  await d.applyCredentials();
  d.ui.info(`opencode: ${row.name} is connected.`);
  return "connected";
}

async function disconnect(d: ProviderFlowDeps, row: Pick<ProviderRow, "id" | "name">): Promise<FlowOutcome> {
  if (!await d.ui.confirm(`Disconnect ${row.name}? opencode forgets its stored credential.`, "Disconnect")) return "cancelled";
  await d.api.removeAuth(row.id);
  await d.applyCredentials();
  d.ui.info(`opencode: ${row.name} is disconnected.`);
  return "disconnected";
}

async function askPrompts(ui: ProviderUi, name: string, method: AuthMethod): Promise<Record<string, string> | undefined> {
  const answers: Record<string, string> = {};
  for (const p of method.prompts) {
    if (!promptApplies(p, answers)) continue;
    const answer = p.type === "select" ? await ui.pickOption(`${name}: ${p.message}`, p.options) : await ui.askText(name, p.message, p.placeholder);
    if (answer === undefined) return undefined;
    answers[p.key] = answer;
  }
  return answers;
}

async function connectApiKey(d: ProviderFlowDeps, row: Pick<ProviderRow, "id" | "name">, metadata: Record<string, string>): Promise<boolean> {
  const key = (await d.ui.askSecret(`${row.name}: API key`, `The key is handed to opencode, which stores it in its own credentials file.`))?.trim();
  if (!key) return false;
  await d.api.setApiKey(row.id, key, metadata);
  return true;
}

async function connectOAuth(d: ProviderFlowDeps, row: Pick<ProviderRow, "id" | "name" | "methods">, index: number, inputs: Record<string, string>): Promise<boolean> {
  const start = await d.api.oauthAuthorize(row.id, index, inputs);
  const port = start.method === "auto" ? loopbackRedirectPort(start.url) : undefined;
  if (port !== undefined && d.forwardLoopbackPort && !await d.forwardLoopbackPort(port)) {
    const other = row.methods.filter((m, i) => i !== index && m.type === "oauth").map(m => `"${m.label}"`);
    throw new Error(`${row.name}'s sign-in returns to localhost:${port} on the machine opencode runs on, and VS Code could not forward that port to your browser.`
      + (other.length ? ` Choose ${other.join(" or ")} instead.` : " Connect it with an API key instead, if it takes one."));
  }
  if (!await d.openExternal(start.url)) return false;
  if (start.method === "code") {
    const code = await d.ui.askSecret(`${row.name}: authorization code`, start.instructions || "Paste the code the provider shows after you sign in.");
    if (!code?.trim()) return false;
    await d.api.oauthCallback(row.id, index, { code: code.trim() });
    return true;
  }
  await d.ui.waitCancellable(`${row.name}: ${start.instructions || "finish signing in in your browser"}`, signal => d.api.oauthCallback(row.id, index, { signal }));
  return true;
}
