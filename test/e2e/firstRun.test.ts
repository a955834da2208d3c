// A new user's first conversation, as a person has it in a real VS Code (code-server in headless
// chromium, driven from outside): opencode's built-in provider is off and the only provider is one
// the project's opencode.json names without a key (a team's gateway), so nothing can answer yet.
// The chat must say so before any prompt, lead to connecting that provider, and then answer.
import * as assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { text } from "../fakes/fakeModel";
import { openChatInEditor, pickInQuickInput, sendPrompt, shot, typeIntoQuickInput, waitForText, workbenchFixture } from "./workbench";

describe("end to end in VS Code: the first run of a new user", function () {
  this.timeout(300_000);
  const workbench = workbenchFixture();

  it("no usable model: the chat says so before the prompt, leads to connecting the provider, then answers", async () => {
    // No scripted demo model: opencode's config is the user's and the project's alone.
    const wb = await workbench.open({ env: { OPENCODE_VSCODE_DEMO_MODEL_URL: "" } });
    const { model } = wb;
    const key = `sk-team-${randomUUID()}`;
    // The model refuses requests without the key, as a real provider does.
    model.requiredKey = key;
    const page = wb.page;
    // Written before the chat starts the folder's server, which reads it.
    fs.writeFileSync(path.join(wb.workspace, "opencode.json"), JSON.stringify({
      $schema: "https://opencode.ai/config.json",
      disabled_providers: ["opencode"],
      provider: {
        team: {
          npm: "@ai-sdk/openai-compatible", name: "Team Gateway", env: ["TEAM_GATEWAY_KEY"], options: { baseURL: model.baseUrl },
          models: { "team-model": { name: "Team Model", tool_call: true, limit: { context: 128000, output: 4096 } } },
        },
      },
    }));

    const chat = await openChatInEditor(page);
    await waitForText(page, "Team Gateway has no key yet, so Team Model cannot answer");
    console.log(`      screenshot: ${await shot(page, "e2e-first-run-no-key")}`);
    assert.equal(model.requests.length, 0, "the warning came before any request to the model");

    await chat.getByRole("button", { name: "Connect a provider" }).click();
    // The provider of the model that will answer is already chosen: its ways to connect are offered.
    await pickInQuickInput(page, "Team Gateway: not connected", 0);
    await typeIntoQuickInput(page, "Team Gateway: API key", key);
    await page.locator(".notification-toast, .notifications-center .monaco-list-row").filter({ hasText: "Team Gateway is connected" }).first().waitFor({ timeout: 60_000 });
    // The model line asks again: the warning goes and the model stays named.
    await chat.locator(".model-line .model-problem").waitFor({ state: "detached", timeout: 60_000 });
    await waitForText(page, "Next reply from Team Model · Team Gateway");
    console.log(`      screenshot: ${await shot(page, "e2e-first-run-connected")}`);

    model.script(text("Hello from ", "the team's model."));
    await sendPrompt(chat, "Say hello");
    await waitForText(page, "Hello from the team's model.");
    const answered = model.requests.filter(r => !r.isTitleRequest);
    assert.ok(answered.length > 0 && answered.every(r => r.authorization === `Bearer ${key}`), "every request carried the key just connected");
    console.log(`      screenshot: ${await shot(page, "e2e-first-run-answered")}`);
  });
});
