// Webview entry. acquireVsCodeApi() may be called only once per page, so it lives here.
import type { HostMessage, PanelInfo, WebviewMessage } from "../src/shared/messages";
import { h, render } from "preact";
import { setPoster } from "./markdown";
import { Transcript } from "./transcript";
import { renderSnapshot } from "./view";

declare function acquireVsCodeApi(): { postMessage(m: WebviewMessage): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById("root")!;
// The conversation sits after the panel header; renderSnapshot replaces root's children only.
const transcript = document.createElement("div");
root.after(transcript);
setPoster(m => vscode.postMessage(m));

window.addEventListener("message", (e: MessageEvent<HostMessage>) => {
  const m = e.data;
  switch (m?.type) {
    case "state":
      vscode.setState(m.panel);
      renderSnapshot(root, m.panel);
      return render(m.view ? h(Transcript, { view: m.view }) : null, transcript);
    case "test.getText":
      return vscode.postMessage({ type: "test.text", requestId: m.requestId, text: root.innerText });
  }
});

// Paint the last known state at once (a reloaded view), then ask the host for the truth.
const saved = vscode.getState() as PanelInfo | undefined;
if (saved?.folders) renderSnapshot(root, saved);
vscode.postMessage({ type: "ready" });
