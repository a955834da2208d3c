// Which model answers the next prompt, worked out the way opencode 1.18 does it, from its catalogue
// and config: the prompt's own model (the folder's pick), else the config's `model` (where the
// `opencode.model` setting lands when the server starts), else the first provider the config's
// `provider` block names (else the first listed) with that provider's default model.
import { ModelCatalogue, ModelConfig, type CatalogueModel, type CatalogueProvider } from "../../protocol/models";
import type { OpencodeApi } from "../../protocol/api";
import { parseModelRef } from "../../protocol/modelRef";
import { formatPrice } from "../../shared/numbers";

/** Where the answering model came from, for the model line's tooltip. */
export type ModelSource = "chosen" | "setting" | "config" | "default";

export type AnsweringModel = {
  /** "provider/model", as the pickers store it and the prompt names it. */
  ref: string;
  providerID: string;
  modelID: string;
  modelName: string;
  providerName: string;
  source: ModelSource;
  /** "$3 in / $15 out per 1M tokens", or "no price known". */
  price: string;
  /** The variants the model offers (e.g. reasoning effort), in catalogue order. */
  variants: string[];
  /** The URL of the API opencode calls for it, when known (never with credentials). */
  apiUrl?: string;
  /** opencode's built-in provider: listed as connected without any key of the user's. */
  builtIn: boolean;
};

/** Nothing can answer: no provider is connected, or the model named is not in the catalogue. */
export type NoAnsweringModel = { problem: "noProvider" } | { problem: "unknownModel"; ref: string; source: ModelSource };

export type Answering = AnsweringModel | NoAnsweringModel;

/** opencode's own provider ("OpenCode Zen"): its free models need no key, so it is always listed unless disabled. */
export const builtInProviderID = "opencode";

/**
 * `setting`: the `opencode.model` setting, only to say where the config's model came from. A changed
 * setting applies when the server restarts; until then the running server's config is the truth.
 */
export function answeringModel(catalogue: ModelCatalogue, config: ModelConfig, chosen: string | undefined, setting: string | undefined): Answering {
  if (catalogue.providers.length === 0) return { problem: "noProvider" };
  const named: [string | undefined, ModelSource][] = [[chosen, "chosen"], [config.model, config.model === setting ? "setting" : "config"]];
  for (const [text, source] of named) {
    if (!text) continue;
    const ref = parseModelRef(text);
    const provider = ref && catalogue.providers.find(p => p.id === ref.providerID);
    const model = ref && provider?.models[ref.modelID];
    return provider && model ? describe(provider, ref.modelID, model, source) : { problem: "unknownModel", ref: text, source };
  }
  const provider = catalogue.providers.find(p => config.provider.includes(p.id)) ?? catalogue.providers[0];
  const modelID = catalogue.default[provider.id] ?? Object.keys(provider.models)[0];
  const model = modelID === undefined ? undefined : provider.models[modelID];
  return model ? describe(provider, modelID, model, "default") : { problem: "noProvider" };
}

function describe(p: CatalogueProvider, modelID: string, m: CatalogueModel, source: ModelSource): AnsweringModel {
  return {
    ref: `${p.id}/${modelID}`, providerID: p.id, modelID, modelName: m.name ?? modelID, providerName: p.name ?? p.id, source,
    price: formatPrice(m.cost), variants: Object.keys(m.variants ?? {}),
    // A provider's baseURL overrides the model's API URL (a custom provider's models have none).
    apiUrl: p.options?.baseURL || m.api?.url || undefined,
    builtIn: p.id === builtInProviderID,
  };
}


/** Asks a folder's server for its catalogue and config, and works out the answering model. */
export async function askAnswering(api: OpencodeApi, chosen: string | undefined, setting: string | undefined): Promise<{ answering: Answering; catalogue: ModelCatalogue }> {
  const [rawCatalogue, rawConfig] = await Promise.all([api.providers(), api.config()]);
  const catalogue = ModelCatalogue.parse(rawCatalogue);
  return { answering: answeringModel(catalogue, ModelConfig.parse(rawConfig), chosen, setting), catalogue };
}
