// The host <-> webview contract, imported by both bundles. The webview only does `import type`
// from here, so zod stays out of its bundle; the host parses every webview message with zod,
// because the webview renders model output and is a separate trust zone.
import { z } from "zod";

export const WebviewMessage = z.discriminatedUnion("type", [
  /** Sent once per page load; the host answers with a full snapshot (a hidden or reloaded webview missed the deltas). */
  z.object({ type: z.literal("ready") }),
  /** Answer to a host `test.getText` request (only used when the test hook is on). */
  z.object({ type: z.literal("test.text"), requestId: z.string().max(100), text: z.string().max(5_000_000) }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessage>;

/** What the panel shows before any conversation exists. */
export type PanelSnapshot = {
  folders: { name: string; path: string }[];
  /** A notice shown above everything, e.g. demo mode or an untrusted workspace. */
  banner?: string;
};

export type HostMessage =
  | { type: "snapshot"; state: PanelSnapshot }
  | { type: "test.getText"; requestId: string };
