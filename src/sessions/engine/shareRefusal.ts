// opencode 1.18.33 answers a share request in a folder whose config says `share: "disabled"` with a
// bare HTTP 500 ("Unexpected server error"), so the extension checks the config first and says why.

/** Why sharing cannot work with this `GET /config` answer; undefined when it may. */
export function shareRefusal(config: Record<string, unknown>): string | undefined {
  return config.share === "disabled"
    ? "sharing is disabled in this folder's opencode config (\"share\": \"disabled\"). Set \"share\" to \"manual\" in opencode.json to allow it."
    : undefined;
}

/** Whether the Share commands should show for a folder with this config. */
export const sharingAllowed = (config: Record<string, unknown>): boolean => shareRefusal(config) === undefined;
