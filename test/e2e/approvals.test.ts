// The typed parts of an ask, as a person answers them in a real VS Code (code-server in headless
// chromium, driven from outside with the keyboard): "Reject with feedback…" and a question's
// "Other…" take text in a quick input, which no VS Code command can type into from a test.
import * as assert from "node:assert/strict";
import { text, tools } from "../fakes/fakeModel";
import { openChatInEditor, pickInQuickInput, sendPrompt, typeIntoQuickInput, waitForText, workbenchFixture } from "./workbench";

describe("end to end in VS Code: typed answers to asks", function () {
  this.timeout(240_000);
  const workbench = workbenchFixture();

  it("rejects an edit with typed feedback, and answers a question with a typed Other…", async () => {
    const wb = await workbench.open({ settings: { "opencode.permissions": { edit: "ask" } } });
    const { model } = wb;
    const page = wb.page;
    const chat = await openChatInEditor(page);
    const seen = (s: string) => model!.requests.filter(r => !r.isTitleRequest).some(r => JSON.stringify(r.body.messages).includes(s));

    model.script(tools({ name: "write", args: { filePath: "notes.txt", content: "draft\n" } }), text("I will not write it ✓"));
    await sendPrompt(chat, "Write notes.txt");
    // Show Diff, Show in Chat, Allow once, Always allow, Always allow (saved), Reject, Reject with feedback…
    await pickInQuickInput(page, "opencode: Edit", 6);
    await typeIntoQuickInput(page, "Reject: Edit", "Put the notes in the README instead");
    await waitForText(page, "I will not write it ✓");
    assert.ok(seen("Put the notes in the README instead"), "the model never got the typed feedback");

    model.script(
      tools({ name: "question", args: { questions: [{ header: "Colour", question: "Which colour?", options: [{ label: "Blue", description: "" }, { label: "Green", description: "" }] }] } }),
      text("Your own colour it is ✓"),
    );
    await sendPrompt(chat, "Ask me for a colour");
    await pickInQuickInput(page, "opencode asks: Colour", 2); // Blue, Green, Other…
    await typeIntoQuickInput(page, "Your answer: Colour", "Purple");
    await waitForText(page, "Your own colour it is ✓");
    assert.ok(seen('=\\"Purple\\"'), "the model never got the typed answer");
  });
});
