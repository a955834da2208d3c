// Webview entry. acquireVsCodeApi() may be called only once per page, so it lives here.
import type { HostMessage, PanelInfo, WebviewMessage } from "../src/shared/messages";
import { renderSnapshot } from "./view";

declare function acquireVsCodeApi(): { postMessage(m: WebviewMessage): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById("root")!;

window.addEventListener("message", (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  switch (m?.type) {
    case "state":
      vscode.setState(m.panel);
      return renderSnapshot(root, m.panel);
    case "test.getText":
      return vscode.postMessage({ type: "test.text", requestId: m.requestId, text: root.innerText });
  }
});

// Paint the last known state at once (a reloaded view), then ask the host for the truth.
const saved = vscode.getState() as PanelInfo | undefined;
if (saved?.folders) renderSnapshot(root, saved);
vscode.postMessage({ type: "ready" });
