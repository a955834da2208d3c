// The composer's completion popup (@files, /commands), file chips, pasted and dropped images, and
// screenshots of both in each theme.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { demoView, panelFor } from "./sessions";
import type { ThemeName } from "./themes";
import type { WebviewMessage } from "../../src/shared/messages";

type Complete = Extract<WebviewMessage, { type: "complete" }>;
type Item = { label: string; detail?: string; insert: string };

const files: Item[] = [
  { label: "msg.ts", detail: "src/msg.ts", insert: "@src/msg.ts" },
  { label: "messages.ts", detail: "src/shared/messages.ts", insert: "@src/shared/messages.ts" },
  { label: "mocks.ts", detail: "test/mocks.ts", insert: "@test/mocks.ts" },
];
const commands: Item[] = [
  { label: "/init", detail: "create or update AGENTS.md", insert: "/init " },
  { label: "/review", detail: "review the uncommitted changes", insert: "/review " },
];

describe("webview bench: the composer", () => {
  let bench: WebviewBench;
  afterEach(async () => {
    if (bench) assert.deepEqual(bench.errors, [], "console errors or page errors");
    await bench?.close();
  });

  async function open(theme: ThemeName = "dark"): Promise<void> {
    bench = await WebviewBench.open({ theme, viewport: { width: 440, height: 620 } });
    await bench.post({ type: "state", panel: panelFor(), view: demoView() });
    await bench.settle();
  }
  const box = () => bench.page.getByLabel("Prompt", { exact: true });
  const sent = async (): Promise<WebviewMessage[]> => (await bench.posted()).filter(m => m.type !== "ready" && m.type !== "complete");
  const requests = async (): Promise<Complete[]> => (await bench.posted()).filter((m): m is Complete => m.type === "complete");
  /** Waits for the `n`th complete request (1-based) and returns it. */
  async function request(n: number): Promise<Complete> {
    await bench.page.waitForFunction(k => (window as unknown as { __posted: { type: string }[] }).__posted.filter(m => m.type === "complete").length >= k, n);
    return (await requests())[n - 1];
  }
  async function answer(requestId: string, items: Item[]): Promise<void> {
    await bench.post({ type: "completions", requestId, items });
    await bench.settle();
  }
  const options = () => bench.page.getByRole("option");
  const labels = async () => (await bench.page.locator(".completion-label").allInnerTexts());

  /** A synthetic paste (or drop on the composer) of files built in the page; `png` draws a small picture. */
  async function transfer(how: "paste" | "drop", specs: ({ png: string } | { name: string; type: string; bytes: number })[], text = ""): Promise<void> {
    await bench.page.evaluate(async ({ how, specs, text }) => {
      const dt = new DataTransfer();
      if (text) dt.setData("text/plain", text);
      for (const s of specs) {
        if ("png" in s) {
          const c = document.createElement("canvas");
          c.width = 96; c.height = 64;
          const g = c.getContext("2d")!;
          const grad = g.createLinearGradient(0, 0, 96, 64);
          grad.addColorStop(0, "#3794ff"); grad.addColorStop(1, "#c586c0");
          g.fillStyle = grad; g.fillRect(0, 0, 96, 64);
          g.fillStyle = "#ffffff"; g.fillRect(12, 12, 30, 20);
          const blob = await new Promise<Blob>(ok => c.toBlob(b => ok(b!), "image/png"));
          dt.items.add(new File([blob], s.png, { type: "image/png" }));
        } else dt.items.add(new File([new Uint8Array(s.bytes)], s.name, { type: s.type }));
      }
      if (how === "paste") document.querySelector("textarea.prompt")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
      else document.querySelector(".composer")!.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, { how, specs, text });
  }

  it("asks for @files, accepts the second with ArrowDown+Enter as a mention and a chip, then sends it with `files`", async () => {
    await open();
    await box().click();
    await box().fill("look at @ms");
    const r = await request(1);
    assert.deepEqual({ kind: r.kind, query: r.query }, { kind: "file", query: "ms" });
    assert.equal(await options().count(), 0, "no popup before the answer");
    await answer(r.requestId, files);
    assert.deepEqual(await labels(), ["msg.ts", "messages.ts", "mocks.ts"]);
    assert.equal(await box().getAttribute("aria-expanded"), "true");
    assert.equal(await box().getAttribute("aria-activedescendant"), await options().nth(0).getAttribute("id"));
    await box().press("ArrowDown");
    assert.equal(await box().getAttribute("aria-activedescendant"), await options().nth(1).getAttribute("id"));
    assert.equal(await options().nth(1).getAttribute("aria-selected"), "true");
    await box().press("Enter");
    assert.equal(await box().inputValue(), "look at @src/shared/messages.ts ");
    assert.equal(await options().count(), 0);
    assert.equal(await box().getAttribute("aria-expanded"), "false");
    assert.equal(await bench.page.getByRole("button", { name: "Remove src/shared/messages.ts" }).count(), 1, "a chip");
    assert.deepEqual(await sent(), [], "Enter in the popup does not send");
    await box().pressSequentially("please");
    await box().press("Enter");
    assert.deepEqual(await sent(), [{ type: "send", text: "look at @src/shared/messages.ts please", files: [{ path: "src/shared/messages.ts" }] }]);
    assert.equal(await bench.page.locator(".attachment").count(), 0, "chips clear after send");
    assert.equal((await requests()).length, 1, "no request after the accepted mention");
  });

  it("closes on Escape without accepting (Enter then sends), and accepts with a click", async () => {
    await open();
    await box().click();
    await box().fill("@ms");
    await answer((await request(1)).requestId, files);
    await box().press("Escape");
    assert.equal(await options().count(), 0);
    assert.equal(await box().inputValue(), "@ms");
    await box().press("Home");
    await box().press("ArrowUp");
    assert.equal(await options().count(), 0, "Up walks the history once the popup is closed");
    assert.notEqual(await box().inputValue(), "@ms");
    await box().fill("@ms");
    await box().press("Enter");
    assert.deepEqual(await sent(), [{ type: "send", text: "@ms" }]);
    await box().fill("see @mo");
    await answer((await request(2)).requestId, files);
    await options().nth(2).click();
    assert.equal(await box().inputValue(), "see @test/mocks.ts ");
    assert.equal(await bench.page.getByRole("button", { name: "Remove test/mocks.ts" }).count(), 1);
  });

  it("ignores stale answers, and shows no popup for no items", async () => {
    await open();
    await box().click();
    await box().fill("@ms");
    const first = await request(1);
    await answer(first.requestId, files);
    await box().pressSequentially("g");
    const second = await request(2);
    assert.equal(second.query, "msg");
    await answer(first.requestId, [{ label: "stale.ts", insert: "@stale.ts" }]);
    await answer("not-a-request", [{ label: "bogus.ts", insert: "@bogus.ts" }]);
    assert.deepEqual(await labels(), ["msg.ts", "messages.ts", "mocks.ts"], "still the first answer");
    await answer(second.requestId, files.slice(0, 1));
    assert.deepEqual(await labels(), ["msg.ts"]);
    await box().pressSequentially("x");
    await answer((await request(3)).requestId, []);
    assert.equal(await options().count(), 0);
    assert.equal(await box().getAttribute("aria-expanded"), "false");
  });

  it("asks for /commands only at the start of the prompt, and accepts with Tab", async () => {
    await open();
    await box().click();
    await box().fill("use a/b @ for this");
    await new Promise(ok => setTimeout(ok, 250));
    assert.deepEqual(await requests(), [], "no trigger: `/` mid-prompt, `@` alone");
    await box().fill("");
    await box().pressSequentially("/");
    const r = await request(1);
    assert.deepEqual({ kind: r.kind, query: r.query }, { kind: "command", query: "" });
    await answer(r.requestId, commands);
    await box().press("ArrowDown");
    await box().press("Tab");
    assert.equal(await box().inputValue(), "/review ");
    assert.equal(await bench.page.locator(".attachment").count(), 0, "a command is no attachment");
    await box().pressSequentially("src");
    await box().press("Enter");
    assert.deepEqual(await sent(), [{ type: "send", text: "/review src" }]);
  });

  it("attaches a pasted image as a thumbnail and sends it as `images`", async () => {
    await open();
    await box().click();
    await transfer("paste", [{ png: "shot.png" }]);
    const img = bench.page.locator(".attachment-image img");
    await img.waitFor();
    assert.match((await img.getAttribute("src"))!, /^data:image\/png;base64,/);
    await box().fill("what is this?");
    await box().press("Enter");
    const [m] = await sent();
    assert.ok(m.type === "send" && m.images?.length === 1);
    assert.equal(m.images[0].mime, "image/png");
    assert.equal(m.images[0].filename, "shot.png");
    assert.match(m.images[0].dataUrl, /^data:image\/png;base64,/);
    assert.equal(await img.count(), 0, "chips clear after send");
  });

  it("sends a pasted image with no text (Send enabled by the image alone, not by nothing)", async () => {
    await open();
    const button = bench.page.getByRole("button", { name: "Send", exact: true });
    assert.equal(await button.isDisabled(), true, "nothing to send yet");
    await box().click();
    await transfer("paste", [{ png: "only.png" }]);
    await bench.page.locator(".attachment-image img").waitFor();
    assert.equal(await button.isDisabled(), false);
    await box().press("Enter");
    const [m] = await sent();
    assert.ok(m.type === "send" && m.text === "" && m.images?.length === 1);
  });

  it("refuses oversized and non-image pastes and drops with a note, and removes chips", async () => {
    await open();
    await box().click();
    await transfer("paste", [{ name: "huge.png", type: "image/png", bytes: 5 * 1024 * 1024 + 1 }]);
    await bench.page.getByRole("alert").waitFor();
    assert.match(await bench.page.getByRole("alert").innerText(), /huge\.png is 5\.0 MB; images are limited to 5 MB/);
    await transfer("paste", [{ name: "notes.txt", type: "text/plain", bytes: 10 }]);
    assert.match(await bench.page.getByRole("alert").innerText(), /notes\.txt: only images can be pasted/);
    await transfer("drop", [{ name: "main.rs", type: "text/x-rust", bytes: 10 }]);
    assert.match(await bench.page.getByRole("alert").innerText(), /only images can be dropped here\. To attach a workspace file, type @/);
    assert.equal(await bench.page.locator(".attachment").count(), 0, "nothing attached");
    await transfer("paste", [{ png: "cells.png" }], "A1\tB1");
    await bench.settle();
    assert.equal(await bench.page.locator(".attachment").count(), 0, "a paste with text is a text paste");

    await transfer("drop", [{ png: "a.png" }, { png: "b.png" }]);
    await bench.page.locator(".attachment-image img").nth(1).waitFor();
    assert.equal(await bench.page.getByRole("alert").count(), 0, "a good drop clears the note");
    await box().fill("@ms");
    await answer((await request(1)).requestId, files);
    await box().press("Enter");
    await bench.page.getByRole("button", { name: "Remove image a.png" }).click();
    await bench.page.getByRole("button", { name: "Remove src/msg.ts" }).click();
    assert.deepEqual(await bench.page.locator(".attachment-image img").evaluateAll(els => els.map(e => e.getAttribute("alt"))), ["b.png"]);
    await box().press("Enter");
    const [m] = await sent();
    assert.ok(m.type === "send");
    assert.equal(m.text, "@src/msg.ts ");
    assert.equal(m.files, undefined, "the removed file chip is not sent");
    assert.deepEqual(m.images?.map(i => i.filename), ["b.png"]);
  });

  it("sends a file chip only while its @mention is still in the prompt", async () => {
    await open();
    await box().click();
    await box().fill("@ms");
    await answer((await request(1)).requestId, files);
    await box().press("Enter");
    await box().fill("never mind");
    await box().press("Enter");
    assert.deepEqual(await sent(), [{ type: "send", text: "never mind" }]);
  });

  for (const theme of ["dark", "light", "high-contrast"] as const) {
    it(`shows the popup and the chips in the ${theme} theme (screenshot)`, async () => {
      await open(theme);
      await box().click();
      await transfer("paste", [{ png: "screenshot.png" }, { png: "diagram.png" }]);
      await bench.page.locator(".attachment-image img").nth(1).waitFor();
      await box().fill("@ms");
      await answer((await request(1)).requestId, files);
      await box().press("Enter");
      await box().pressSequentially("and @mo");
      await answer((await request(2)).requestId, files);
      await box().press("ArrowDown");
      await bench.settle();
      console.log(`      screenshot: ${await bench.screenshot(`composer-popup-${theme}`)}`);
      await box().press("Escape");
      await transfer("drop", [{ name: "notes.pdf", type: "application/pdf", bytes: 10 }]);
      await bench.page.getByRole("alert").waitFor();
      await bench.settle();
      console.log(`      screenshot: ${await bench.screenshot(`composer-chips-${theme}`)}`);
    });
  }
});
