/**
 * Pure: the hosts a markdown file would make VS Code's preview contact by itself. The preview loads
 * images and other embedded resources from https URLs as soon as it renders, without asking, so a
 * deliverable written by the agent could send data to any host through an image URL. Links (which
 * need a click) are not counted; everything the preview fetches unasked is: markdown images and
 * reference definitions used as images, and HTML src/srcset/poster/data/href-of-link and CSS url().
 */
export function remoteHosts(markdown: string): string[] {
  const urls: string[] = [];
  const push = (u: string | undefined) => { if (u) urls.push(u.trim().replace(/^<|>$/g, "")); };
  // ![alt](url "title") — the URL may be wrapped in <>.
  for (const m of markdown.matchAll(/!\[[^\]]*\]\(\s*(<[^>]*>|[^\s)]+)/g)) push(m[1]);
  // ![alt][ref] / ![ref] with [ref]: url — any definition may serve an image, so all definitions count.
  for (const m of markdown.matchAll(/^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)) push(m[1]);
  // HTML attributes that fetch: src, srcset (each candidate), poster, data, background, and <link href>.
  for (const m of markdown.matchAll(/\b(?:src|poster|data|background)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) push(m[1] ?? m[2] ?? m[3]);
  for (const m of markdown.matchAll(/\bsrcset\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) for (const c of (m[1] ?? m[2]).split(",")) push(c.trim().split(/\s+/)[0]);
  for (const m of markdown.matchAll(/<link\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) push(m[1] ?? m[2] ?? m[3]);
  for (const m of markdown.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))/gi)) push(m[1] ?? m[2] ?? m[3]);
  const hosts = new Set<string>();
  for (const u of urls) {
    const host = remoteHost(u.replace(/&amp;/g, "&"));
    if (host) hosts.add(host);
  }
  return [...hosts];
}

/** The host of an absolute or protocol-relative URL on the network, else undefined (relative paths, data:, file:). */
function remoteHost(url: string): string | undefined {
  const abs = url.startsWith("//") ? `https:${url}` : url;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(abs)) return undefined;
  try {
    const u = new URL(abs);
    return u.protocol === "data:" || u.protocol === "file:" || u.protocol === "vscode-resource:" ? undefined : u.host || u.protocol;
  } catch { return undefined; }
}
