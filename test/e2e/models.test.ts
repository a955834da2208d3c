// The first run as a person meets it in a real VS Code (code-server in headless chromium, driven
// from outside): the empty chat names the model that will answer, its Check model button gets a
// real answer from that model, and the result comes back as a notification.
import * as assert from "node:assert/strict";
import { text } from "../fakes/fakeModel";
import { chatFrame, openChatInEditor, shot, waitForText, workbenchFixture } from "./workbench";

describe("end to end in VS Code: the model that answers, before the first prompt", function () {
  this.timeout(300_000);
  const workbench = workbenchFixture();

  it("names the model in an empty chat and checks it with one click", async () => {
    const wb = await workbench.open();
    const { model } = wb;
    model.handle(req => {
      const sum = /Reply with only the number: (\d+)\+(\d+)/.exec(JSON.stringify(req.body.messages?.at(-1)?.content ?? ""));
      return sum ? text(String(Number(sum[1]) + Number(sum[2]))) : undefined;
    });
    const { page } = wb;
    await openChatInEditor(page);
    await waitForText(page, "Next reply from Demo model · Demo (scripted, offline)");
    const chat = await chatFrame(page);
    console.log(`      screenshot: ${await shot(page, "e2e-models-line")}`);
    await chat.getByRole("button", { name: "Check model" }).click();
    const toast = page.locator(".notification-toast", { hasText: "demo/demo-model answered correctly" });
    await toast.waitFor({ state: "visible", timeout: 60_000 });
    assert.match(await toast.innerText(), /answered correctly in \d+\.\d s/);
    assert.ok(model.requests.some(r => /Reply with only the number/.test(JSON.stringify(r.body.messages))), "the model got the challenge");
    console.log(`      screenshot: ${await shot(page, "e2e-models-checked")}`);
  });
});
