// Pending asks answered in the panel: what each permission and question control posts, the card's
// life (sending, then gone when the host drops the ask), keyboard use, hostile ask text, the
// auto-approve switch, and screenshots of an edit ask and a question in each theme.
import * as assert from "node:assert/strict";
import { WebviewBench } from "./bench";
import { demoView, panelFor } from "./sessions";
import type { ThemeName } from "./themes";
import type { PanelAsk, PanelInfo, SessionView, WebviewMessage } from "../../src/shared/messages";

type Permission = Extract<PanelAsk, { kind: "permission" }>;
type Question = Extract<PanelAsk, { kind: "question" }>;
const sid = demoView().sessionID;

const permission = (id: string, title: string, over: Partial<Permission> = {}): Permission =>
  ({ kind: "permission", id, sessionID: sid, title, detail: "npm test -- --grep parseDate", always: ["npm test *"], hasDiff: false, ...over });
const editAsk = permission("per_edit", "Edit src/date.ts", { detail: "src/date.ts", always: ["*"], hasDiff: true });
const question = (id: string, questions: Question["questions"], over: Partial<Question> = {}): Question => ({ kind: "question", id, sessionID: sid, questions, ...over });
const styleQuestion = question("que_style", [{
  header: "Test style", question: "Which style should the regression test use?", multiple: false, custom: true,
  options: [{ label: "Table-driven", description: "one row per date, near midnight in several zones" }, { label: "One test per case", description: "easier to read on failure" }],
}]);

describe("webview bench: asks in the panel", () => {
  let bench: WebviewBench;
  afterEach(async () => {
    if (bench) assert.deepEqual(bench.errors, [], "console errors or page errors");
    await bench?.close();
  });

  async function open(panel: PanelInfo, o: { theme?: ThemeName; view?: SessionView } = {}): Promise<void> {
    bench = await WebviewBench.open({ theme: o.theme, viewport: { width: 440, height: 900 } });
    await show(panel, o.view ?? demoView());
  }
  async function show(panel: PanelInfo, view?: SessionView): Promise<void> {
    await bench.post({ type: "state", panel, view });
    await bench.settle();
  }
  async function update(panel: PanelInfo): Promise<void> {
    await bench.post({ type: "panel", panel });
    await bench.settle();
  }
  const sent = async (): Promise<WebviewMessage[]> => (await bench.posted()).filter(m => m.type !== "ready");
  const card = (name: string | RegExp) => bench.page.getByRole("group", { name });
  const button = (within: ReturnType<typeof card>, name: string) => within.getByRole("button", { name, exact: true });
  /** The focused element's name, as a reader would say it (option labels without their descriptions). */
  const focused = () => bench.page.evaluate(() => {
    const a = document.activeElement as HTMLInputElement | null;
    const by = a?.getAttribute("aria-labelledby");
    return a?.getAttribute("aria-label") || (by && document.getElementById(by)?.textContent) || a?.labels?.[0]?.querySelector(".q-label")?.textContent || a?.textContent || "";
  });

  it("posts once, always, save and reject from each card's button, exactly once", async () => {
    const asks = [permission("p1", "Run a command"), permission("p2", "Fetch a URL"), permission("p3", "Edit a.ts"), permission("p4", "Read .env")];
    await open(panelFor({ asks }));
    assert.equal(await bench.page.getByRole("heading", { name: "4 asks waiting" }).count(), 1);
    await button(card("opencode asks: Run a command"), "Allow once").click();
    await button(card("opencode asks: Fetch a URL"), "Always allow").click();
    await button(card("opencode asks: Edit a.ts"), "Always allow in this folder").click();
    await button(card("opencode asks: Read .env"), "Reject").click();
    // Clicks on a disabled button are refused: nothing more is posted.
    await button(card("opencode asks: Run a command"), "Reject").click({ force: true });
    assert.deepEqual(await sent(), [
      { type: "permission", id: "p1", reply: "once" },
      { type: "permission", id: "p2", reply: "always" },
      { type: "permission", id: "p3", reply: "save" },
      { type: "permission", id: "p4", reply: "reject" },
    ]);
  });

  it("shows what Always allow covers, disables the card while sending, and drops it when the host does", async () => {
    await open(panelFor({ asks: [permission("p1", "Run a command", { always: ["npm test *", "npm run *"] }), editAsk] }));
    const c = card("opencode asks: Run a command");
    assert.match(await c.innerText(), /Always allow covers npm test \*, npm run \* until the window closes/);
    assert.equal(await button(c, "Always allow").getAttribute("title"), "Allow npm test *, npm run * until the window closes");
    assert.equal(await button(c, "Show Diff").count(), 0, "no diff for a command");
    await button(c, "Allow once").click();
    for (const name of ["Allow once", "Always allow", "Always allow in this folder", "Reject", "Reject with feedback…", "Open in picker"]) {
      assert.equal(await button(c, name).isDisabled(), true, name);
    }
    assert.match(await c.innerText(), /Sending…/);
    assert.equal(await button(card("opencode asks: Edit src/date.ts"), "Allow once").isDisabled(), false, "the other card stays live");
    await update(panelFor({ asks: [editAsk] }));
    assert.equal(await c.count(), 0);
    assert.equal(await bench.page.getByRole("heading", { name: /asks waiting/ }).count(), 0, "no count for one ask");
    await update(panelFor({ asks: [] }));
    assert.equal(await bench.page.getByRole("region", { name: "Asks from opencode" }).count(), 0);
  });

  it("rejects with feedback: empty feedback cannot be sent, Escape cancels, the typed message goes out", async () => {
    await open(panelFor({ asks: [permission("p1", "Run a command")] }));
    const c = card("opencode asks: Run a command");
    await button(c, "Reject with feedback…").click();
    const box = c.getByLabel("Feedback for the agent (sent with the rejection)");
    assert.equal(await focused(), "Feedback for the agent (sent with the rejection)");
    assert.equal(await button(c, "Send feedback").isDisabled(), true);
    await box.fill("   ");
    await box.press("Enter");
    assert.equal(await button(c, "Send feedback").isDisabled(), true);
    await box.press("Escape");
    assert.equal(await box.count(), 0, "Escape closes the box");
    assert.equal(await focused(), "Reject with feedback…", "focus returns to its button");
    await bench.page.keyboard.press("Enter");
    await box.fill("Use the project's test script instead.");
    await button(c, "Send feedback").click();
    assert.deepEqual(await sent(), [{ type: "permission", id: "p1", reply: "reject", message: "Use the project's test script instead." }]);
  });

  it("opens the diff and the native picker, and marks a sub-agent's ask", async () => {
    await open(panelFor({ asks: [editAsk, permission("p2", "Run a command", { sessionID: "ses_child" })] }));
    const edit = card("opencode asks: Edit src/date.ts");
    await button(edit, "Show Diff").click();
    await button(edit, "Open in picker").click();
    assert.deepEqual(await sent(), [{ type: "askDiff", id: "per_edit" }, { type: "askPicker", id: "per_edit" }]);
    assert.equal(await button(edit, "Allow once").isDisabled(), false, "looking is not answering");
    assert.doesNotMatch(await edit.innerText(), /in a sub-agent/);
    assert.match(await card("opencode asks: Run a command").innerText(), /in a sub-agent/);
  });

  it("answers single choice, multiple choice and typed questions, Submit only once all are answered", async () => {
    const ask = question("q1", [
      { header: "Test style", question: "Which style?", multiple: false, custom: false, options: [{ label: "Table", description: "rows" }, { label: "Cases", description: "one each" }] },
      { header: "Zones", question: "Which time zones?", multiple: true, custom: false, options: [{ label: "UTC", description: "" }, { label: "Asia/Tokyo", description: "" }, { label: "America/Los_Angeles", description: "" }] },
      { header: "Name", question: "What should the test file be called?", multiple: false, custom: true, options: [{ label: "date.test.ts", description: "next to the others" }] },
      { header: "Note", question: "Anything else?", multiple: false, custom: true, options: [] },
    ]);
    await open(panelFor({ asks: [ask] }));
    const c = card("opencode asks 4 questions");
    const submit = button(c, "Submit");
    assert.equal(await submit.isDisabled(), true);
    await c.getByRole("group", { name: "Test style" }).getByLabel("Cases").check();
    const zones = c.getByRole("group", { name: "Zones" });
    await zones.getByLabel("UTC").check();
    await zones.getByLabel("America/Los_Angeles").check();
    await zones.getByLabel("Asia/Tokyo").check();
    await zones.getByLabel("UTC").uncheck();
    const name = c.getByRole("group", { name: "Name" });
    await name.getByLabel("date.test.ts").check();
    await name.getByLabel("Other answer to: Name").fill("midnight.test.ts");
    assert.equal(await name.getByLabel("date.test.ts").isChecked(), false, "typing replaces a single choice");
    assert.equal(await name.getByLabel("Other (type your answer)").isChecked(), true);
    assert.equal(await submit.isDisabled(), true, "one question left");
    await c.getByLabel("Answer to: Note").fill("  keep it short  ");
    await submit.click();
    assert.deepEqual(await sent(), [{ type: "question", id: "q1", answers: [["Cases"], ["Asia/Tokyo", "America/Los_Angeles"], ["midnight.test.ts"], ["keep it short"]] }]);
    assert.equal(await submit.isDisabled(), true);
    assert.equal(await button(c, "Dismiss").isDisabled(), true);
  });

  it("dismisses a question", async () => {
    await open(panelFor({ asks: [styleQuestion] }));
    await button(card("opencode asks a question"), "Dismiss").click();
    assert.deepEqual(await sent(), [{ type: "question", id: "que_style", reject: true }]);
  });

  it("works from the keyboard alone: Tab to a button, Enter, then on to the next ask and back to the composer", async () => {
    await open(panelFor({ asks: [permission("p1", "Run a command", { detail: "ls" }), styleQuestion] }));
    await card("opencode asks: Run a command").focus();
    await bench.page.keyboard.press("Tab");
    assert.equal(await focused(), "Allow once");
    await bench.page.keyboard.press("Tab");
    assert.equal(await focused(), "Always allow");
    await bench.page.keyboard.press("Enter");
    assert.deepEqual(await sent(), [{ type: "permission", id: "p1", reply: "always" }]);
    assert.equal(await focused(), "opencode asks: Run a command", "focus stays on the answered card");
    await update(panelFor({ asks: [styleQuestion] }));
    assert.equal(await focused(), "opencode asks a question", "then moves to the next card, not to a button");
    await bench.page.keyboard.press("Tab");
    assert.equal(await focused(), "Table-driven");
    await bench.page.keyboard.press("ArrowDown");
    assert.equal(await focused(), "One test per case");
    await bench.page.keyboard.press("Tab");
    await bench.page.keyboard.press("Tab");
    assert.equal(await focused(), "Submit");
    await bench.page.keyboard.press("Space");
    assert.deepEqual((await sent()).at(-1), { type: "question", id: "que_style", answers: [["One test per case"]] });
    await update(panelFor({ asks: [] }));
    // The composer takes the focus in an effect, which runs after the frame: wait for it.
    await bench.page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Prompt", undefined, { timeout: 5_000 }).catch(() => undefined);
    assert.equal(await focused(), "Prompt", "the last answer hands focus back to the composer");
  });

  it("announces a new ask politely, once", async () => {
    await open(panelFor());
    const live = bench.page.locator(".sr-only[aria-live=polite]");
    await update(panelFor({ asks: [editAsk] }));
    assert.equal(await live.innerText(), "opencode asks: Edit src/date.ts");
    await update(panelFor({ asks: [editAsk, permission("p2", "Run a command", { sessionID: "ses_child" })] }));
    assert.equal(await live.innerText(), "opencode asks: Run a command, in a sub-agent");
  });

  it("shows hostile ask text as text, never as markup", async () => {
    const evil = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    await open(panelFor({ asks: [
      permission(evil, evil, { detail: evil, always: [evil], hasDiff: true }),
      question("q_evil", [{ header: evil, question: evil, multiple: true, custom: true, options: [{ label: evil, description: evil }] }]),
    ] }));
    const text = await bench.text();
    assert.ok(text.split(evil).length - 1 >= 6, text);
    assert.equal(await bench.page.locator("#root img, #root script").count(), 0);
    assert.equal(await bench.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await button(card(`opencode asks: ${evil}`), "Allow once").click();
    assert.deepEqual(await sent(), [{ type: "permission", id: evil, reply: "once" }]);
  });

  it("toggles auto-approve through the host, warns while it is on, and hides it without a running session", async () => {
    await open(panelFor());
    const sw = bench.page.getByRole("switch", { name: "Auto-approve edits" });
    assert.equal(await sw.getAttribute("aria-checked"), "false");
    await sw.focus();
    await bench.page.keyboard.press("Space");
    assert.deepEqual(await sent(), [{ type: "autoApprove", on: true }]);
    assert.doesNotMatch(await bench.text(), /Auto-approving edits/, "the host decides");
    await update(panelFor({ autoApproveEdits: true }));
    assert.equal(await sw.getAttribute("aria-checked"), "true");
    assert.match(await bench.text(), /Auto-approving edits/);
    await bench.page.getByRole("button", { name: "Turn off auto-approve edits" }).click();
    await sw.click();
    assert.deepEqual((await sent()).slice(1), [{ type: "autoApprove", on: false }, { type: "autoApprove", on: false }]);
    await update(panelFor({ autoApproveEdits: true, server: { kind: "starting", detail: "" } }));
    assert.equal(await sw.count(), 0, "not while the server is not running");
    await show(panelFor({ empty: { kind: "noSession", message: "Start a session" } }));
    assert.equal(await sw.count(), 0, "not without a session");
  });

  for (const theme of ["dark", "light", "high-contrast"] as const) {
    it(`shows an edit ask and a question in the ${theme} theme (screenshot)`, async () => {
      await open(panelFor({ asks: [editAsk, styleQuestion], autoApproveEdits: theme === "dark" }), { theme });
      await card("opencode asks a question").getByLabel("Table-driven").check();
      console.log(`      screenshot: ${await bench.screenshot(`asks-${theme}`)}`);
    });
  }

  it("wraps a long command of a sub-agent's ask in a narrow panel, its height capped (screenshot)", async () => {
    const long = `for f in $(git ls-files '*.ts'); do npx prettier --check "$f" || echo "needs formatting: $f" >> /tmp/report-with-a-very-long-name.txt; done\n${
      Array.from({ length: 14 }, (_, i) => `echo step ${i + 1}`).join("\n")}`;
    bench = await WebviewBench.open({ viewport: { width: 300, height: 700 } });
    await show(panelFor({ asks: [permission("p1", "Run a command", { detail: long, sessionID: "ses_child", always: ["for f in *", "echo *"] })] }));
    const pre = bench.page.locator(".ask-detail");
    const box = await pre.evaluate(e => ({ scroll: e.scrollWidth, client: e.clientWidth, height: e.clientHeight, full: e.scrollHeight }));
    assert.ok(box.scroll <= box.client, "wrapped, no sideways scroll");
    assert.ok(box.height < box.full, "height capped, scrolls");
    console.log(`      screenshot: ${await bench.screenshot("asks-dark-narrow")}`);
  });
});
