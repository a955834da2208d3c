// The model that answers the next prompt, shown before the first one: "<model> · <provider>" with
// "Change model", "Check model" and "Connect a provider"; or, when nothing can answer or its API
// cannot be reached, what is wrong and the way out. `compact` is the header's chip.
import type { JSX } from "preact";
import type { ModelLine as Line } from "../src/shared/messages";
import { post } from "./host";

export function ModelLine({ line }: { line: Line | undefined }): JSX.Element | null {
  if (!line) return null;
  const m = line.model, problem = line.problem;
  return (
    <section class={`model-line${problem ? ` model-${problem.kind}` : ""}`} aria-label="Model for the next prompt">
      {m && (
        <p class="model-name" title={`${m.ref}${m.variant ? ` (${m.variant})` : ""}: ${m.why} · ${m.price}`}>
          Next reply from <strong>{m.name}</strong>{m.variant ? ` (${m.variant})` : ""} · {m.provider}
          <span class="muted"> · {m.price}</span>
        </p>
      )}
      {problem && <p class="model-problem" role="alert">{problem.message}</p>}
      <div class="model-actions">
        <button type="button" class={problem?.kind === "noModel" || problem?.kind === "noKey" ? "primary" : undefined}
          onClick={() => post({ type: "manageProviders", forAnsweringModel: true })}>Connect a provider</button>
        <button type="button" onClick={() => post({ type: "pickModel" })}>Change model</button>
        {m && <button type="button" onClick={() => post({ type: "runCommand", command: "opencode.checkModel" })}>Check model</button>}
      </div>
    </section>
  );
}

/** The header's model chip: the answering model's name (else the pick, else "Default model"), warned when it cannot answer. */
export function modelChip(line: Line | undefined, picked: string | undefined): { text: string; title: string; warn: boolean } {
  const m = line?.model;
  const text = m ? `${m.name}${m.variant ? ` (${m.variant})` : ""}` : line?.problem ? "No model" : picked ?? "Default model";
  const title = m ? `${m.name} · ${m.provider} (${m.why}) — change model` : line?.problem?.message ?? "Choose the model for the next prompt";
  return { text, title, warn: !!line?.problem };
}
