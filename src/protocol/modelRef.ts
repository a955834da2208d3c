/** A model as opencode's prompt body names it. */
export type ModelRef = { providerID: string; modelID: string };

/**
 * Splits the "provider/model" text the pickers store into opencode's pair. Only the first slash
 * separates: model ids may contain slashes themselves ("openrouter/anthropic/claude" is the model
 * "anthropic/claude" of the provider "openrouter"). Text without a provider or a model names none.
 */
export function parseModelRef(text: string | undefined): ModelRef | undefined {
  const slash = text?.indexOf("/") ?? -1;
  if (!text || slash <= 0 || slash === text.length - 1) return undefined;
  return { providerID: text.slice(0, slash), modelID: text.slice(slash + 1) };
}
