// Which model compacts a session: the one that answered it last, so the summary is written with
// the same context window the session grew in; a session no model answered yet takes the folder's.
import type { MessageWithParts } from "../../protocol/rest";

export type ModelIDs = { providerID: string; modelID: string };

export function compactionModel(messages: readonly MessageWithParts[], answering: ModelIDs | undefined): ModelIDs | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const info = messages[i].info;
    if (info.role === "assistant" && info.providerID && info.modelID) return { providerID: info.providerID, modelID: info.modelID };
  }
  return answering;
}
