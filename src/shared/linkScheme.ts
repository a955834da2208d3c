// The one allow-list of link targets in text the panel shows (model output, tool inputs, file
// names). Every href the webview renders and every link it asks the host to open passes here; what
// fails is rendered as inert text. Pure and shared: the webview and the host decide the same way.
//
// The check reads the URL the way the browser's URL parser will: it drops ASCII tab and newline
// anywhere and C0 controls and spaces at both ends first, so `java\tscript:` and ` javascript:`
// are seen as the `javascript:` they become. Entities (`&#106;avascript:`) are decoded by the
// DOM before an attribute value gets here.

/**
 * `web`: http(s), opened by the host after the user confirms the address. `mail`: mailto.
 * `relative`: no scheme (a path, a path with :line, an anchor): the extension's file-link handling
 * opens it inside the workspace, or nothing. Anything else has no target at all.
 */
export type LinkTarget = { kind: "web" | "mail" | "relative"; href: string };

const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
/** Two slashes in any direction at the start: the browser reads a host there (`//evil.example`). */
const protocolRelative = /^[\\/]{2}/;
/** A Windows drive path (C:\a, c:/a) looks like a one-letter scheme; it is a path. */
const drive = /^[a-zA-Z]:[\\/]/;

/** What `raw` links to, or undefined: render it as text. */
export function linkTarget(raw: string): LinkTarget | undefined {
  // eslint-disable-next-line no-control-regex
  const href = raw.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
  if (!href) return undefined;
  if (drive.test(href)) return { kind: "relative", href };
  const s = scheme.exec(href)?.[1].toLowerCase();
  if (s === "http" || s === "https") return { kind: "web", href };
  if (s === "mailto") return { kind: "mail", href };
  if (s !== undefined || protocolRelative.test(href)) return undefined;
  return { kind: "relative", href };
}

/** An href for a link outside markdown (a tool's URL, a URL found in plain text): web or mail only. */
export function webHref(raw: string): string | undefined {
  const t = linkTarget(raw);
  return t && t.kind !== "relative" ? t.href : undefined;
}
