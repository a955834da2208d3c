import type { AuthMethod, AuthMethods, AuthPrompt, ProviderCatalog, ProviderInfo } from "../../protocol/providers";

/** Where a connected provider's credential comes from; "none" when it has none. */
export type Credential = "apiKey" | "oauth" | "env" | "config" | "builtIn" | "none";

export type ProviderRow = {
  id: string;
  name: string;
  credential: Credential;
  /** e.g. "connected · API key" or "not connected". */
  state: string;
  /** The sign-in methods; a provider without its own takes an API key. */
  methods: AuthMethod[];
  /** Its credential sits in opencode's auth store, so `DELETE /auth/{id}` removes it. */
  removable: boolean;
  env: string[];
};

const apiKeyOnly: AuthMethod[] = [{ type: "api", label: "Enter an API key", prompts: [] }];

/**
 * Seen on 1.18.33: a provider defined in opencode.json is listed as connected, key or not, so one
 * that names key variables (`env`) counts only with a key; `key` is set for a stored API key (source "api") and for an environment
 * variable (source "env"). An OAuth sign-in shows as a connected "custom" provider without a key
 * (its plugin sets a dummy `options.apiKey`), told apart from opencode's own keyless provider
 * (`options.apiKey: "public"`) by having an OAuth method.
 */
function credentialOf(p: ProviderInfo, connected: boolean, hasOAuth: boolean): Credential {
  if (!connected) return "none";
  switch (p.source) {
    case "api": return p.hasKey ? "apiKey" : "oauth";
    case "env": return "env";
    // A provider that names key variables needs a key; one that names none (a local server) does not.
    case "config": return p.hasKey ? "apiKey" : p.keyInConfig || p.env.length === 0 ? "config" : "none";
    default: return p.hasKey ? "apiKey" : hasOAuth ? "oauth" : "builtIn";
  }
}

function stateText(c: Credential, env: string[]): string {
  switch (c) {
    case "apiKey": return "connected · API key";
    case "oauth": return "connected · OAuth";
    case "env": return `connected · environment (${env.join(" or ") || "variable"})`;
    case "config": return "connected · configured in opencode.json";
    case "builtIn": return "connected · built in, no key needed";
    case "none": return "not connected";
  }
}

/** Connected providers first, each group by name. */
export function providerRows(catalog: ProviderCatalog, methods: AuthMethods): ProviderRow[] {
  const connected = new Set(catalog.connected);
  const rows = catalog.all.map((p): ProviderRow => {
    const credential = credentialOf(p, connected.has(p.id), methods[p.id]?.some(m => m.type === "oauth") ?? false);
    return {
      id: p.id, name: p.name, credential, state: stateText(credential, p.env), env: p.env,
      methods: methods[p.id]?.length ? methods[p.id] : apiKeyOnly,
      removable: credential === "apiKey" || credential === "oauth",
    };
  });
  const rank = (r: ProviderRow) => (r.credential === "none" ? 1 : 0);
  return rows.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** Whether a method's prompt applies, given the answers so far (`when` refers to an earlier prompt). */
export function promptApplies(p: AuthPrompt, answers: Record<string, string>): boolean {
  if (!p.when) return true;
  const v = answers[p.when.key];
  return p.when.op === "eq" ? v === p.when.value : v !== p.when.value;
}

/**
 * The loopback port an OAuth URL sends the browser back to (`redirect_uri=http://localhost:1455/…`),
 * if any: opencode listens there, so on a remote machine that port must be forwarded to the browser.
 */
export function loopbackRedirectPort(authorizeUrl: string): number | undefined {
  let redirect: URL;
  try { redirect = new URL(new URL(authorizeUrl).searchParams.get("redirect_uri") ?? ""); } catch { return undefined; }
  if (!["localhost", "127.0.0.1", "[::1]"].includes(redirect.hostname)) return undefined;
  const port = Number(redirect.port || (redirect.protocol === "https:" ? 443 : 80));
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/**
 * Whether the provider has no credential yet: not connected, or defined in opencode.json with key
 * variables but no key (opencode lists that one as connected): its first request would be refused.
 */
export function lacksCredential(catalog: ProviderCatalog, providerID: string): boolean {
  const p = catalog.all.find(x => x.id === providerID);
  return !!p && credentialOf(p, catalog.connected.includes(p.id), false) === "none";
}

/** Whether a provider of the user's own (not opencode's built-in one) is connected with what it needs. */
export function hasConnectedOwnProvider(catalog: ProviderCatalog, builtInID: string): boolean {
  const connected = new Set(catalog.connected);
  return catalog.all.some(p => p.id !== builtInID && connected.has(p.id) && credentialOf(p, true, false) !== "none");
}
