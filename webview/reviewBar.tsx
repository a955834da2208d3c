// The session's file changes still under review (its turns' edits, decorated in the editors with
// Keep / Undo per change): a bar above the composer to open them as one diff, or keep or undo them
// all. The counts are the host's; the buttons only post the wish.
import type { JSX } from "preact";
import { post } from "./host";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function ReviewBar({ files, hunks }: { files: number; hunks: number }): JSX.Element {
  return (
    <section class="review-bar" aria-label="Changes to review">
      <span class="review-text">opencode changed {plural(files, "file")} <span class="muted">({plural(hunks, "change")})</span></span>
      <span class="review-actions">
        <button type="button" class="small" title="Open the changes as one diff" onClick={() => post({ type: "reviewChanges" })}>Review</button>
        <button type="button" class="small" title="Keep every change of this session" onClick={() => post({ type: "keepAll" })}>Keep All</button>
        <button type="button" class="small" title="Put back every file this session changed, as it was before (your own edits elsewhere stay)" onClick={() => post({ type: "undoAll" })}>Undo All</button>
      </span>
    </section>
  );
}
