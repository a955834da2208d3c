// Webview entry. acquireVsCodeApi() may be called only once per page, so it lives here.
import { render, h } from "preact";
import type { HostMessage, WebviewMessage } from "../src/shared/messages";
import { markHeard, noteChanges, seedAnnouncer } from "./announce";
import { App } from "./app";
import { onCompletions } from "./completion";
import { connectHost, post, savedState } from "./host";
import { applyActions, applyHistory, insertIntoComposer, restore, setPanel, setState } from "./store";
import { setPoster } from "./markdown";
import { hostMessageProblem } from "../src/shared/hostCheck";
import { testHooksAttribute } from "../src/shared/webviewHtml";
import { webHref } from "../src/shared/linkScheme";

declare function acquireVsCodeApi(): { postMessage(m: WebviewMessage): void; getState(): unknown; setState(s: unknown): void };

connectHost(acquireVsCodeApi());
const root = document.getElementById("root")!;
// Only the page's own markup says so (the host sets it under OPENCODE_VSCODE_TEST=1), read before anything renders.
const testHooks = root.hasAttribute(testHooksAttribute);
setPoster(post);

// Every host message is checked before use; a malformed one is dropped and logged, and one that
// fails anyway is logged too: neither stops the messages after it.
window.addEventListener("message", (e: MessageEvent<unknown>) => {
  const problem = hostMessageProblem(e.data, testHooks);
  if (problem) return console.warn(`opencode: dropped a host message (${problem})`);
  try {
    onHostMessage(e.data as HostMessage);
  } catch (err) {
    console.error(`opencode: a ${(e.data as HostMessage).type} message failed`, err);
  }
});

function onHostMessage(m: HostMessage): void {
  switch (m.type) {
    case "state": setState(m.panel, m.view, m.loading); return seedAnnouncer();
    case "panel": return setPanel(m.panel);
    case "actions": return noteChanges(applyActions(m.sessionID, m.actions));
    case "history": return markHeard(applyHistory(m));
    case "completions": return onCompletions(m.requestId, m.items);
    case "composer": return insertIntoComposer(m.insert);
    case "test.getText": return post({ type: "test.text", requestId: m.requestId, text: root.innerText });
  }
}

// Links never navigate the webview: file links open in the editor, the rest through the host,
// which confirms non-workspace URLs. Markdown output (.md) posts its own clicks (markdown/actions.ts).
// Only what the one allow-list (linkScheme.ts) calls a web or mail link is posted.
document.addEventListener("click", e => {
  const a = (e.target as Element | null)?.closest?.("a");
  if (!a) return;
  e.preventDefault();
  if (a.closest(".md")) return;
  const path = a.dataset.path;
  const line = Number(a.dataset.line);
  const url = webHref(a.getAttribute("href") ?? "");
  if (path) post(line >= 1 ? { type: "openFile", path, line } : { type: "openFile", path });
  else if (url) post({ type: "openLink", url });
});
// A middle (or other non-primary) click would open a link in a new window, with whatever scheme
// the href has: nothing in the panel opens that way. Text fields keep theirs (middle-click paste).
document.addEventListener("auxclick", e => {
  if (!(e.target as Element | null)?.closest?.("input, textarea, [contenteditable]")) e.preventDefault();
});

// The saved conversation goes into the store before the first render, so the first paint shows it.
const saved = savedState();
if (saved?.screen) {
  restore(saved.screen);
  seedAnnouncer();
}
render(h(App, null), root);
const selection = saved && { ...(saved.folder ? { folder: saved.folder } : {}), ...(saved.sessionID ? { sessionID: saved.sessionID } : {}) };
post(selection ? { type: "ready", restore: selection } : { type: "ready" });
