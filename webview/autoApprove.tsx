// "Auto-approve edits for this session": a switch above the composer, and while it is on a
// warning badge, since edits then land without any ask. The state is the host's: the switch
// shows `PanelInfo.autoApproveEdits` and only posts the wish, so it never drifts from the truth.
import type { JSX } from "preact";
import { post } from "./host";

export function AutoApprove({ on }: { on: boolean }): JSX.Element {
  const set = (v: boolean) => post({ type: "autoApprove", on: v });
  return (
    <div class={on ? "auto-approve on" : "auto-approve"}>
      <button type="button" class="switch" role="switch" aria-checked={on ? "true" : "false"}
        title={on ? "Edits in this session are allowed without asking. Click to ask again." : "Allow this session's file edits without asking (until turned off)"}
        onClick={() => set(!on)}>
        <span class="switch-track" aria-hidden="true"><span class="switch-thumb" /></span>Auto-approve edits
      </button>
      {on && (
        <span class="auto-badge">
          <span class="ask-mark" aria-hidden="true">!</span>Auto-approving edits
          <button type="button" class="small" title="Ask before each edit again" aria-label="Turn off auto-approve edits" onClick={() => set(false)}>Turn off</button>
        </span>
      )}
    </div>
  );
}
