// What the extension reads of opencode's model catalogue (`GET /config/providers`) and config
// (`GET /config`) to tell which model answers the next prompt. Secrets stay out by construction:
// a provider's `options` may carry `apiKey` and the config's `provider` block too, and z.object()
// keeps only the keys listed here (baseURL, and the provider ids), so a key never leaves the parse.
import { z } from "zod";

const Price = z.object({ input: z.number().optional(), output: z.number().optional() });

/** One model of the catalogue. */
export const CatalogueModel = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  /** USD per million tokens; all zero for a model opencode has no price for (its free tier, custom providers). */
  cost: Price.optional(),
  /** `url` is the API host opencode calls for this model ("" for a custom provider: its baseURL is used). */
  api: z.object({ url: z.string().optional() }).optional(),
  limit: z.object({ context: z.number().optional() }).optional(),
  /** Named option sets (e.g. reasoning effort "low" | "high"); the prompt's `variant` picks one. */
  variants: z.record(z.string(), z.unknown()).optional(),
});
export type CatalogueModel = z.infer<typeof CatalogueModel>;

export const CatalogueProvider = z.object({
  id: z.string(),
  name: z.string().optional(),
  /** "custom" for opencode's own built-in provider and the config's; "env" / "api" for a key found. */
  source: z.string().optional(),
  /** Only the base URL: the rest of `options` may hold the provider's API key. */
  options: z.object({ baseURL: z.string().optional() }).optional(),
  models: z.record(z.string(), CatalogueModel),
});
export type CatalogueProvider = z.infer<typeof CatalogueProvider>;

/**
 * `GET /config/providers`: the providers that can answer and their models. `default` maps each
 * provider to its best model (opencode's own ranking); no entry is the default of the whole server.
 */
export const ModelCatalogue = z.object({
  providers: z.array(CatalogueProvider),
  default: z.record(z.string(), z.string()).default({}),
});
export type ModelCatalogue = z.infer<typeof ModelCatalogue>;

/**
 * The part of `GET /config` that decides the default model: `model` ("provider/model") when set,
 * else opencode takes the first provider that the config's `provider` block names (its ids only),
 * else the first listed, and that provider's default model.
 */
export const ModelConfig = z.object({
  model: z.string().optional(),
  provider: z.record(z.string(), z.unknown()).optional().transform(p => (p ? Object.keys(p) : [])),
});
export type ModelConfig = z.infer<typeof ModelConfig>;
