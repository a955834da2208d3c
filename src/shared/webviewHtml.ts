// The chat webview's document, as a pure function of its inputs: src/chat/html.ts gives it VS Code's
// webview URIs, and the webview test bench gives it its own server's, so the bench runs the page
// and the CSP the extension ships, not a copy.

export type PageInputs = {
  /** A fresh random value per load: the only scripts that run carry it. */
  nonce: string;
  /** Where the extension's own files are served from (`webview.cspSource` in VS Code). */
  cspSource: string;
  /** The URL of a file of the extension, by its path segments (e.g. "media", "chat.css"). */
  asset(...path: string[]): string;
  /**
   * The host answers the webview's `test.*` requests (OPENCODE_VSCODE_TEST=1): only then does the
   * webview answer `test.*` messages.
   */
  testHooks: boolean;
};

/**
 * CSP `default-src 'none'`, styles and fonts only from the extension's own dist/ and media/ (the
 * localResourceRoots).
 *
 * Scripts: the entry dist/webview/main.js is an ES module carrying this load's nonce; it imports
 * its chunks (highlight.js and one chunk per language) lazily with import(), and those requests
 * carry no nonce, so `script-src` also allows the extension's files. We chose that over
 * 'strict-dynamic': strict-dynamic trusts whatever URL a trusted script imports (and makes
 * browsers ignore the source list), while cspSource plus localResourceRoots lets scripts come only
 * from this extension's own files. No 'unsafe-inline' or 'unsafe-eval': the markdown renderer
 * sanitises model output, and the CSP is the second wall if that ever fails. No workers are used.
 */
export function contentSecurityPolicy(nonce: string, cspSource: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' ${cspSource}`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    // default-src does not cover these: without them injected markup could re-point every relative
    // URL (<base href>) or submit a form anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** The marker the webview reads at start-up to know whether test hooks are on (see PageInputs). */
export const testHooksAttribute = "data-test-hooks";

export function chatPageHtml(p: PageInputs): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(p.nonce, p.cspSource)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${p.asset("media", "chat.css")}">
<link rel="stylesheet" href="${p.asset("media", "markdown.css")}">
<link rel="stylesheet" href="${p.asset("media", "asks.css")}">
<title>opencode</title>
</head>
<body>
<main id="root"${p.testHooks ? ` ${testHooksAttribute}` : ""}></main>
<script type="module" nonce="${p.nonce}" src="${p.asset("dist", "webview", "main.js")}"></script>
</body>
</html>`;
}
