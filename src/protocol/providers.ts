// Providers and their credentials, as opencode 1.18.33 reports them. Two fields of `GET /provider`
// can hold a secret: `key` (the stored API key, in plain text once set) and `options` (a config
// provider may carry `options.apiKey`). Neither survives decoding: each becomes a boolean
// (`hasKey`, `keyInConfig`), so no value of ours can carry a key into a log, an error or a view.
import { z } from "zod";

/** One provider of `GET /provider`, without its secrets or its (large) model table. */
export const ProviderInfo = z.object({
  id: z.string(),
  name: z.string(),
  /** "env": a key in one of `env`; "config": defined in opencode.json; "api": a stored credential; "custom": built in. */
  source: z.string(),
  /** The environment variables opencode reads the key from. */
  env: z.array(z.string()).default([]),
  key: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
}).transform(({ key, options, ...rest }) => ({
  ...rest,
  /** A key opencode found for it: stored with `PUT /auth`, or read from one of `env`. */
  hasKey: typeof key === "string" && key !== "",
  /** opencode.json sets `options.apiKey` for it. */
  keyInConfig: typeof options?.apiKey === "string" && options.apiKey !== "",
}));
export type ProviderInfo = z.infer<typeof ProviderInfo>;

/** `GET /provider`. A provider defined in config is in `connected` whether or not it has a key. */
export const ProviderCatalog = z.object({
  all: z.array(z.unknown()).transform(items => items.flatMap(i => { const r = ProviderInfo.safeParse(i); return r.success ? [r.data] : []; })),
  connected: z.array(z.string()).default([]),
});
export type ProviderCatalog = z.infer<typeof ProviderCatalog>;

const When = z.object({ key: z.string(), op: z.enum(["eq", "neq"]), value: z.string() });

/** An extra question a sign-in method asks before it starts (an account id, an instance URL…). */
export const AuthPrompt = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), key: z.string(), message: z.string(), placeholder: z.string().optional(), when: When.optional() }),
  z.object({
    type: z.literal("select"), key: z.string(), message: z.string(), when: When.optional(),
    options: z.array(z.object({ label: z.string(), value: z.string(), hint: z.string().optional() })),
  }),
]);
export type AuthPrompt = z.infer<typeof AuthPrompt>;

/** One way to sign in to a provider; its index in the provider's list is what the OAuth calls take. */
export const AuthMethod = z.object({ type: z.enum(["api", "oauth"]), label: z.string(), prompts: z.array(AuthPrompt).default([]) });
export type AuthMethod = z.infer<typeof AuthMethod>;

/** `GET /provider/auth`: only providers with their own sign-in methods are listed; any other takes an API key. */
export const AuthMethods = z.record(z.string(), z.array(AuthMethod));
export type AuthMethods = z.infer<typeof AuthMethods>;

/**
 * `POST /provider/{id}/oauth/authorize`. "auto": the provider redirects to a listener opencode runs
 * (the callback call blocks until then); "code": the user pastes a code shown by the provider.
 */
export const OAuthStart = z.object({ url: z.string(), method: z.enum(["auto", "code"]), instructions: z.string().default("") });
export type OAuthStart = z.infer<typeof OAuthStart>;
