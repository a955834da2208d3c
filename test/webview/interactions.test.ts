// What the panel posts back when used, by mouse and by keyboard: composer, header, held prompts,
// per-message actions (and their busy rule), empty-state buttons, links, retry.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { demoView, panelFor } from "./sessions";
import type { PanelInfo, SessionView, WebviewMessage } from "../../src/shared/messages";

describe("webview bench: using the panel", () => {
  let bench: WebviewBench;
  afterEach(async () => {
    if (bench) assert.deepEqual(bench.errors, [], "console errors or page errors");
    await bench?.close();
  });

  async function open(panel: PanelInfo = panelFor(), view: SessionView | undefined = demoView()): Promise<void> {
    bench = await WebviewBench.open({ viewport: { width: 440, height: 900 } });
    await bench.post({ type: "state", panel, view });
    await bench.settle();
  }
  const sent = async (): Promise<WebviewMessage[]> => (await bench.posted()).filter(m => m.type !== "ready");
  const busy = (): SessionView => { const v = demoView(); v.session.status = { type: "busy" }; return v; };

  it("sends on Enter, keeps Shift+Enter as a newline, and walks the history with Up", async () => {
    await open();
    const box = bench.page.getByLabel("Prompt", { exact: true });
    await box.click();
    await box.pressSequentially("first line");
    await box.press("Shift+Enter");
    await box.pressSequentially("second line");
    assert.deepEqual(await sent(), []);
    assert.equal(await box.inputValue(), "first line\nsecond line");
    await box.press("Enter");
    assert.deepEqual(await sent(), [{ type: "send", text: "first line\nsecond line" }]);
    assert.equal(await box.inputValue(), "");
    await box.press("ArrowUp");
    assert.equal(await box.inputValue(), "Great, now add a regression test for a date near midnight.");
    await box.press("ArrowDown");
    assert.equal(await box.inputValue(), "");
  });

  it("shows Stop while busy, and still sends (the host holds the prompt)", async () => {
    await open(panelFor(), busy());
    await bench.page.getByRole("button", { name: "Stop" }).focus();
    await bench.page.keyboard.press("Enter");
    const box = bench.page.getByLabel("Prompt", { exact: true });
    await box.fill("queued");
    await box.press("Enter");
    assert.deepEqual(await sent(), [{ type: "stop" }, { type: "send", text: "queued" }]);
  });

  it("puts the host's `composer` text in the prompt and focuses it", async () => {
    await open();
    await bench.post({ type: "composer", insert: "src/a.ts:1-3" });
    await bench.settle();
    assert.equal(await bench.page.evaluate(() => (document.activeElement as HTMLTextAreaElement).value), "src/a.ts:1-3");
  });

  it("reaches every header button with Tab, and each posts its picker", async () => {
    await open(panelFor({ folders: [{ name: "ws", path: "/home/dev/oc-record/scenarios/ws" }, { name: "web", path: "/w" }] }));
    const labels: string[] = [];
    for (let i = 0; i < 8; i++) {
      await bench.page.keyboard.press("Tab");
      labels.push(await bench.page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? ""));
    }
    const header = ["Folder ws, change folder", "Session: Fix the failing date parser test, switch session", "New session",
      "Model: anthropic/claude-sonnet-4-5, change model", "Agent: build, change agent", "Manage providers"];
    assert.deepEqual(labels.slice(0, header.length), header);
    for (const name of header) {
      await bench.page.getByRole("button", { name, exact: true }).focus();
      await bench.page.keyboard.press("Space");
    }
    assert.deepEqual((await sent()).map(m => m.type), ["pickFolder", "pickSession", "newSession", "pickModel", "pickAgent", "manageProviders"]);
  });

  it("edits and removes held prompts", async () => {
    await open(panelFor({ queue: [{ id: "q1", text: "one" }, { id: "q2", text: "two" }] }));
    await bench.page.getByRole("button", { name: "Edit held prompt 1" }).click();
    const area = bench.page.getByLabel("Text of held prompt 1");
    await area.press("Escape");
    assert.equal(await area.count(), 0, "Escape closes the editor");
    await bench.page.getByRole("button", { name: "Edit held prompt 1" }).click();
    await area.fill("one, edited");
    await area.press("Enter");
    await bench.page.getByRole("button", { name: "Remove held prompt 2" }).click();
    assert.deepEqual(await sent(), [{ type: "queueEdit", queueID: "q1", text: "one, edited" }, { type: "queueRemove", queueID: "q2" }]);
  });

  it("posts per-message actions, and disables revert and edit & resend while busy", async () => {
    await open();
    const last = bench.page.locator(".msg.user").last();
    const id = demoView().session.messages[3].info.id;
    await last.getByRole("button", { name: "Revert to before this message" }).click();
    await last.getByRole("button", { name: "Fork from this message" }).click();
    await last.getByRole("button", { name: "Edit and resend" }).click();
    const editor = last.getByLabel("Edit the message, then resend it");
    await editor.press("Escape");
    assert.equal(await editor.count(), 0, "Escape closes the editor");
    await last.getByRole("button", { name: "Edit and resend" }).click();
    await editor.fill("Add a regression test for 23:59 UTC.");
    await editor.press("Enter");
    assert.deepEqual(await sent(), [
      { type: "messageAction", action: "revert", messageID: id },
      { type: "messageAction", action: "fork", messageID: id },
      { type: "messageAction", action: "editResend", messageID: id, text: "Add a regression test for 23:59 UTC." },
    ]);
    await bench.post({ type: "state", panel: panelFor(), view: busy() });
    await bench.settle();
    const row = bench.page.locator(".msg.user").last();
    assert.equal(await row.getByRole("button", { name: "Revert to before this message" }).isDisabled(), true);
    assert.equal(await row.getByRole("button", { name: "Edit and resend" }).isDisabled(), true);
    assert.equal(await row.getByRole("button", { name: "Fork from this message" }).isDisabled(), false);
  });

  it("offers unrevert while the session is reverted", async () => {
    const v = demoView();
    const id = v.session.messages[3].info.id;
    v.session.info!.revert = { messageID: id };
    await open(panelFor(), v);
    assert.equal(await bench.page.locator(".msg.reverted").count(), 2);
    await bench.page.getByRole("button", { name: "Unrevert" }).click();
    assert.deepEqual(await sent(), [{ type: "messageAction", action: "unrevert", messageID: id }]);
  });

  it("runs the empty state's command, and hides the composer when no prompt can go out", async () => {
    await open(panelFor({ empty: { kind: "noOpencode", message: "opencode is not installed.", action: { label: "Install opencode", command: "opencode.installOpencode" } } }), undefined);
    assert.match(await bench.text(), /opencode is not installed/);
    assert.equal(await bench.page.getByLabel("Prompt", { exact: true }).count(), 0);
    await bench.page.getByRole("button", { name: "Install opencode" }).click();
    assert.deepEqual(await sent(), [{ type: "runCommand", command: "opencode.installOpencode" }]);
  });

  it("opens file paths, links and diffs through the host, never by navigating", async () => {
    await open();
    await bench.page.getByRole("link", { name: "src/date.ts:42" }).click();
    await bench.page.getByRole("link", { name: /^https:\/\/developer\.mozilla\.org/ }).click();
    await bench.page.getByRole("button", { name: /^Open diff of/ }).click();
    const edit = demoView().session.messages[2].parts[0];
    assert.deepEqual(await sent(), [
      { type: "openFile", path: "src/date.ts", line: 42 },
      { type: "openLink", url: "https://developer.mozilla.org/docs/Web/JavaScript/Reference/Global_Objects/Date/UTC" },
      { type: "openDiff", messageID: edit.messageID, partID: edit.id },
    ]);
    assert.match(bench.page.url(), /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("retries after an error, and counts down a provider retry", async () => {
    await open();
    await bench.page.getByRole("button", { name: "Retry" }).click();
    assert.deepEqual(await sent(), [{ type: "retry" }]);
    const v = demoView();
    v.session.status = { type: "retry", attempt: 2, message: "fake internal error", next: Date.now() + 5_000 };
    await bench.post({ type: "state", panel: panelFor(), view: v });
    await bench.settle();
    assert.equal(await bench.page.locator(".jump").count(), 0, "still at the end after the status area took room");
    assert.match(await bench.text(), /Attempt 2 failed: fake internal error\.\s+retrying in [45]s/);
  });
});
