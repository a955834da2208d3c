// Two folders, two `opencode serve` processes, one auth store (the extension spawns every folder's
// server with the same XDG_DATA_HOME), against real opencode 1.18.33: a key stored through one
// folder's server reaches the other folder's model requests only once that other instance is
// disposed too, which is why a connect reloads every running folder.
import * as assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { FakeModel, text, type ModelRequest } from "../fakes/fakeModel";
import { keylessProviderConfig, startRealOpencode, testSupervisor, type RealOpencode } from "../fakes/realOpencode";
import type { ServerSupervisor } from "../../src/server/supervisor";
import type { Endpoint } from "../../src/protocol/http";
import { OpencodeApi } from "../../src/protocol/api";
import { applyCredentials } from "../../src/providers/engine/applyCredentials";
import { waitUntil } from "./helpers/processes";

describe("real opencode: a key stored through one folder reaches the others only after their reload", function () {
  this.timeout(120_000);
  const key = `sk-folders-${randomUUID()}`;
  let model: FakeModel, first: RealOpencode, second: ServerSupervisor;
  let api1: OpencodeApi, api2: OpencodeApi;

  before(async () => {
    model = await FakeModel.start();
    model.requiredKey = key;
    first = await startRealOpencode(model, { keyless: true });
    const folder2 = path.join(first.scratch, "ws2");
    fs.mkdirSync(folder2);
    // The same scratch: the same HOME and XDG dirs, so the same auth store, as for the extension's folders.
    second = testSupervisor(first.scratch, folder2, keylessProviderConfig(model));
    const ep2: Endpoint = await second.ensureRunning();
    api1 = new OpencodeApi(async () => first, first.workspace);
    api2 = new OpencodeApi(async () => ep2, folder2);
  });
  after(async () => { await second?.dispose(); await first?.stop(); await model?.close(); });

  /** The model requests of one prompt in a new session of `api`'s folder. */
  async function promptIn(api: OpencodeApi): Promise<ModelRequest[]> {
    const s = await api.createSession({ title: "which key" });
    model.scriptFor(s.id, text("ok"));
    await api.prompt(s.id, [{ type: "text", text: "which key?" }]);
    await waitUntil(async () => model.requests.some(r => r.sessionId === s.id && !r.isTitleRequest) && !(s.id in await api.status()), 60_000, "the turn never ended");
    return model.requests.filter(r => r.sessionId === s.id && !r.isTitleRequest);
  }

  it("without the reload the other folder still sends no key; after it, it does", async () => {
    // Both instances loaded (an instance loads on its folder's first request, reading the store then).
    assert.ok((await promptIn(api2)).every(r => r.authorization !== `Bearer ${key}`));
    await api1.setApiKey("fake", key);
    assert.deepEqual(await applyCredentials([api1], { askWhenBusy: async () => "now" }), []);
    assert.ok((await promptIn(api1)).every(r => r.authorization === `Bearer ${key}`), "the reloaded folder does not send the key");
    assert.ok((await promptIn(api2)).every(r => r.authorization !== `Bearer ${key}`), "the other folder used the key without a reload");
    // A folder whose server went away meanwhile is reported, and does not keep the others from their reload.
    const gone = new OpencodeApi(async () => ({ baseUrl: "http://127.0.0.1:9" }), path.join(first.scratch, "gone"));
    const skipped = await applyCredentials([gone, api1, api2], { askWhenBusy: async () => "now" });
    assert.deepEqual(skipped.map(s => s.directory), [gone.directory]);
    const after = await promptIn(api2);
    assert.ok(after.length > 0 && after.every(r => r.authorization === `Bearer ${key}`), after.map(r => r.authorization).join());
  });
});
