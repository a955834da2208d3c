// The panel's model line from the answering model: its name, provider, price and why it answers,
// or what stops it (nothing can answer, or its API host does not take a connection).
import type { ModelLine } from "../../shared/messages";
import type { Answering, ModelSource } from "./answering";
import { apiEndpoint, unreachable } from "./reachability";

const why: Record<ModelSource, string> = { chosen: "chosen for this folder", setting: "the opencode.model setting", config: "opencode's config", default: "opencode's default" };

/** `variant`: the folder's pick, shown only when the model offers it. `probeMs`: the reachability probe's timeout. */
export async function modelLineOf(a: Answering, variant: string | undefined, probeMs?: number): Promise<ModelLine> {
  if ("problem" in a) {
    return {
      problem: {
        kind: "noModel",
        message: a.problem === "noProvider"
          ? "No model can answer yet: opencode has no provider connected. Connect a provider (an API key or a login) to start."
          : `opencode has no model "${a.ref}" (${why[a.source]}). Choose another model, or connect the provider that offers it.`,
      },
    };
  }
  const model = { name: a.modelName, provider: a.providerName, ref: a.ref, price: a.price, why: why[a.source], ...(variant && a.variants.includes(variant) ? { variant } : {}) };
  const cannot = a.apiUrl ? await unreachable(a.apiUrl, probeMs) : undefined;
  if (!cannot) return { model };
  const host = apiEndpoint(a.apiUrl!)?.host ?? a.apiUrl!;
  return { model, problem: { kind: "unreachable", message: `Can't reach ${host} (${cannot}): connect another provider or choose a model.` } };
}
