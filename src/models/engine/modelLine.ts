// The panel's model line from the answering model: its name, provider, price and why it answers,
// or what stops it (nothing can answer, or its API host does not take a connection).
import type { ModelLine } from "../../shared/messages";
import type { OpencodeApi } from "../../protocol/api";
import { hasConnectedOwnProvider, lacksCredential } from "../../providers/engine/providerRows";
import { askAnswering, builtInProviderID, type Answering, type ModelSource } from "./answering";
import { apiEndpoint, unreachable } from "./reachability";

const why: Record<ModelSource, string> = { chosen: "chosen for this folder", setting: "the opencode.model setting", config: "opencode's config", default: "opencode's default" };

/**
 * `variant`: the folder's pick, shown only when the model offers it. `lacksCredential`: its provider
 * has no key yet, so its first request would be refused. `probeMs`: the reachability probe's timeout.
 */
export async function modelLineOf(a: Answering, variant: string | undefined, o: { lacksCredential?: boolean; probeMs?: number } = {}): Promise<ModelLine> {
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
  if (o.lacksCredential) {
    return { model, problem: { kind: "noKey", message: `${a.providerName} has no key yet, so ${a.modelName} cannot answer: connect ${a.providerName}, or choose another model.` } };
  }
  const cannot = a.apiUrl ? await unreachable(a.apiUrl, o.probeMs) : undefined;
  if (!cannot) return { model };
  const host = apiEndpoint(a.apiUrl!)?.host ?? a.apiUrl!;
  return { model, problem: { kind: "unreachable", message: `Can't reach ${host} (${cannot}): connect another provider or choose a model.` } };
}

/**
 * Asks a folder's server who answers the next prompt and whether it can: its catalogue and config,
 * and, for a provider of the user's, whether it has a credential (only `GET /provider` tells; the
 * built-in one needs none). `ownProvider`: one of the user's providers is connected (the walkthrough).
 */
export async function readModelLine(api: OpencodeApi, chosen: string | undefined, setting: string | undefined, variant: string | undefined, probeMs?: number): Promise<{ answering: Answering; ownProvider: boolean; line: ModelLine }> {
  const [{ answering }, providers] = await Promise.all([askAnswering(api, chosen, setting), api.providerCatalog()]);
  const lacks = !("problem" in answering) && !answering.builtIn && lacksCredential(providers, answering.providerID);
  return { answering, ownProvider: hasConnectedOwnProvider(providers, builtInProviderID), line: await modelLineOf(answering, variant, { lacksCredential: lacks, probeMs }) };
}
