import * as assert from "node:assert/strict";
import { Emitter } from "../../src/common/emitter";
import { whenRunning } from "../../src/server/whenRunning";
import type { ServerState } from "../../src/server/supervisor";

describe("whenRunning", () => {
  const running: ServerState = { kind: "running", endpoint: { baseUrl: "http://127.0.0.1:1" }, version: "1", pid: 1 };
  const server = (state: ServerState) => { const e = new Emitter<ServerState>(); return { state, onDidChangeState: e.event, fire: (s: ServerState) => e.fire(s) }; };

  it("answers at once for a running server", async () => {
    assert.equal((await whenRunning(server(running))).baseUrl, "http://127.0.0.1:1");
  });

  it("waits through starting and crashed states, and never starts the server itself", async () => {
    const s = server({ kind: "stopped" });
    let done = false;
    const p = whenRunning(s).then(ep => { done = true; return ep; });
    s.fire({ kind: "starting" });
    s.fire({ kind: "crashed", error: "x", outputTail: "" });
    await new Promise(r => setImmediate(r));
    assert.equal(done, false);
    s.fire(running);
    assert.equal((await p).baseUrl, "http://127.0.0.1:1");
  });
});
