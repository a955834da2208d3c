// A tool card that ran without asking says why, muted, in its header; a card without a reason from
// the host (asked, read-only, or from before this window) shows nothing new. Real bundle, real CSP.
import * as assert from "node:assert/strict";
import type { MessageState } from "../../src/protocol/state";
import type { HostMessage } from "../../src/shared/messages";
import { WebviewBench } from "./bench";
import { assistant, stateOf, user } from "./markdownBench";

function toolMessage(id: string, tool: string, input: Record<string, unknown>): MessageState {
  const m = assistant(id, "");
  m.parts = [{ id: `prt_${id}`, sessionID: "ses_1", messageID: id, type: "tool", tool, callID: `call_${id}`,
    state: { status: "completed", input, output: "", title: "", metadata: {}, time: { start: 1, end: 2 } } } as MessageState["parts"][number]];
  return m;
}

function withWhyRan(m: HostMessage, whyRan: Record<string, string>): HostMessage {
  if (m.type !== "state") throw new Error("a state message is expected");
  return { ...m, panel: { ...m.panel, whyRan } };
}

describe("webview bench: why a tool ran without asking", function () {
  let bench: WebviewBench;
  afterEach(async () => bench?.close());

  it("labels the cards the host explains, and only those (screenshot)", async () => {
    bench = await WebviewBench.open({ viewport: { width: 520, height: 700 } });
    await bench.post(withWhyRan(stateOf([user("msg_0", "check and fix"),
      toolMessage("msg_1", "bash", { command: "git status", description: "Show status" }),
      toolMessage("msg_2", "write", { filePath: "/repo/src/a.ts", content: "x" }),
      toolMessage("msg_3", "bash", { command: "rm -rf build", description: "Clean" }),
      toolMessage("msg_4", "webfetch", { url: "https://example.com/docs" })]), {
      call_msg_1: `bash: "git status*" → allow (opencode.permissions)`,
      call_msg_2: "auto-approve edits",
      call_msg_4: "opencode's default or a project opencode.json rule",
    }));
    const label = (hasText: string) => bench.page.locator(".tool", { hasText }).locator(".tool-why");
    await label("git status").waitFor();
    assert.equal(await label("git status").textContent(), `bash: "git status*" → allow (opencode.permissions)`);
    assert.equal(await label("a.ts").textContent(), "auto-approve edits");
    assert.equal(await label("example.com").textContent(), "opencode's default or a project opencode.json rule");
    assert.equal(await label("rm -rf build").count(), 0, "an asked call shows nothing new");
    const color = await label("git status").evaluate(el => getComputedStyle(el).color);
    const nameColor = await bench.page.locator(".tool", { hasText: "git status" }).locator(".tool-name").evaluate(el => getComputedStyle(el).color);
    assert.notEqual(color, nameColor, "the label is muted, not the card's text colour");
    console.log(`      screenshot: ${await bench.screenshot("why-ran")}`);
  });
});
