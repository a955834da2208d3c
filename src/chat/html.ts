import * as vscode from "vscode";
import { randomBytes } from "node:crypto";

/**
 * The webview document: CSP `default-src 'none'`, styles and fonts only from the extension's own
 * dist/ and media/ (the localResourceRoots).
 *
 * Scripts: the entry dist/webview/main.js is an ES module carrying this load's nonce; it imports
 * its chunks (highlight.js and one chunk per language) lazily with import(), and those requests
 * carry no nonce, so `script-src` also allows `webview.cspSource`. We chose that over
 * 'strict-dynamic': strict-dynamic trusts whatever URL a trusted script imports (and makes
 * browsers ignore the source list), while cspSource plus localResourceRoots lets scripts come only
 * from this extension's own files. No 'unsafe-inline' or 'unsafe-eval': the markdown renderer
 * sanitises model output, and the CSP is the second wall if that ever fails. No workers are used.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString("base64");
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' ${webview.cspSource}`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset("media", "chat.css")}">
<link rel="stylesheet" href="${asset("media", "markdown.css")}">
<link rel="stylesheet" href="${asset("media", "asks.css")}">
<title>opencode</title>
</head>
<body>
<main id="root"></main>
<script type="module" nonce="${nonce}" src="${asset("dist", "webview", "main.js")}"></script>
</body>
</html>`;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist"), vscode.Uri.joinPath(extensionUri, "media")] };
}
