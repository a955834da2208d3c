import * as vscode from "vscode";
import { Disposable } from "../common/lifecycle";
import { WebviewMessage, type HostMessage, type PanelInfo } from "../shared/messages";
import { webviewHtml, webviewOptions } from "./html";
import type { Log } from "../log";

/** The sidebar chat view. Holds no conversation state of its own: every `ready` gets a full snapshot. */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewId = "opencode.chat";
  #view: vscode.WebviewView | undefined;
  #textRequests = new Map<string, (text: string) => void>();
  #seq = 0;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log, private readonly snapshot: () => PanelInfo) {
    super();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.#view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri);
    this.register(view.webview.onDidReceiveMessage(raw => this.#onMessage(raw)));
    this.register(view.onDidDispose(() => { this.#view = undefined; }));
  }

  #onMessage(raw: unknown): void {
    const parsed = WebviewMessage.safeParse(raw);
    if (!parsed.success) return this.log.warn("dropped an invalid webview message", parsed.error.issues.slice(0, 3));
    const m = parsed.data;
    switch (m.type) {
      case "ready": return void this.#post({ type: "state", panel: this.snapshot() });
      default: return;
      case "test.text": return this.#textRequests.get(m.requestId)?.(m.text);
    }
  }

  #post(m: HostMessage): Thenable<boolean> | undefined {
    return this.#view?.webview.postMessage(m);
  }

  /** Test hook: the rendered text of the live webview, as its own DOM reports it. */
  requestText(timeoutMs = 10_000): Promise<string> {
    const requestId = `text-${++this.#seq}`;
    return new Promise((resolve, reject) => {
      if (!this.#view) return reject(new Error("the chat view is not open"));
      const timer = setTimeout(() => { this.#textRequests.delete(requestId); reject(new Error("the webview did not answer")); }, timeoutMs);
      this.#textRequests.set(requestId, text => { clearTimeout(timer); this.#textRequests.delete(requestId); resolve(text); });
      void this.#post({ type: "test.getText", requestId });
    });
  }
}
