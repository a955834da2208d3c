import * as vscode from "vscode";
import { randomBytes } from "node:crypto";
import { chatPageHtml } from "../shared/webviewHtml";

/** The webview document (CSP and layout in src/shared/webviewHtml.ts), with this load's nonce and VS Code's URIs. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, testHooks: boolean): string {
  return chatPageHtml({
    nonce: randomBytes(16).toString("base64"),
    cspSource: webview.cspSource,
    asset: (...p) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString(),
    testHooks,
  });
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist"), vscode.Uri.joinPath(extensionUri, "media")] };
}
