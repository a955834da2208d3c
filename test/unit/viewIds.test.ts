import * as assert from "node:assert/strict";
import * as path from "node:path";
import { chatPanelType, chatViewId, mcpViewId, runsViewId, sessionsViewId } from "../../src/host/viewIds";
import { repoRoot } from "../paths";

describe("view ids", () => {
  const pkg = require(path.join(repoRoot, "package.json"));

  it("are the views package.json contributes, the chat as a webview", () => {
    const views: { id: string; type?: string }[] = pkg.contributes.views.opencode;
    assert.deepEqual(views.map(v => v.id).sort(), [chatViewId, runsViewId, mcpViewId, sessionsViewId].sort());
    assert.equal(views.find(v => v.id === chatViewId)?.type, "webview");
  });

  it("activate the extension: every view and the chat panel's restore", () => {
    for (const event of [`onView:${chatViewId}`, `onView:${runsViewId}`, `onView:${mcpViewId}`, `onView:${sessionsViewId}`, `onWebviewPanel:${chatPanelType}`]) {
      assert.ok(pkg.activationEvents.includes(event), event);
    }
  });
});
