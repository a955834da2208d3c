import * as assert from "node:assert/strict";
import { treeKillArgs } from "../../src/server/killTree";
import { parseListeningUrl } from "../../src/server/process";
import { OutputTail } from "../../src/common/async";
import { Disposable } from "../../src/common/lifecycle";
import { WebviewMessage } from "../../src/shared/messages";
import { demoBanner } from "../../src/host/demo";
import { errorText } from "../../src/common/errorText";

describe("parseListeningUrl", () => {
  it("reads the URL from opencode's stdout line", () => {
    assert.equal(parseListeningUrl("opencode server listening on http://127.0.0.1:41234"), "http://127.0.0.1:41234");
    assert.equal(parseListeningUrl("opencode server listening on http://127.0.0.1:4096/\r"), "http://127.0.0.1:4096");
  });
  it("ignores every other line", () => {
    assert.equal(parseListeningUrl("Warning: OPENCODE_SERVER_PASSWORD is not set; server is unsecured."), undefined);
    assert.equal(parseListeningUrl("listening on http://127.0.0.1:1"), undefined);
  });
});

describe("OutputTail", () => {
  it("keeps only the last lines", () => {
    const t = new OutputTail(3);
    for (const l of ["a", "b", "c", "d"]) t.push(l);
    assert.equal(t.toString(), "b\nc\nd");
  });
});

describe("Disposable", () => {
  class Owner extends Disposable { add(d: { dispose(): void }) { return this.register(d); } }
  it("disposes in reverse order, once", () => {
    const order: string[] = [];
    const o = new Owner();
    o.add({ dispose: () => order.push("first") });
    o.add({ dispose: () => order.push("second") });
    o.dispose();
    o.dispose();
    assert.deepEqual(order, ["second", "first"]);
  });
  it("disposes at once what is registered after dispose", () => {
    const o = new Owner();
    o.dispose();
    let disposed = false;
    o.add({ dispose: () => { disposed = true; } });
    assert.ok(disposed);
  });
});

describe("WebviewMessage validation", () => {
  it("accepts the known messages", () => {
    assert.ok(WebviewMessage.safeParse({ type: "ready" }).success);
    assert.ok(WebviewMessage.safeParse({ type: "test.text", requestId: "r1", text: "hi" }).success);
  });
  it("rejects unknown types, missing fields and wrong field types", () => {
    for (const bad of [null, "ready", {}, { type: "exec", command: "rm -rf /" }, { type: "test.text", requestId: 1, text: "x" }, { type: "test.text", text: "x" }]) {
      assert.equal(WebviewMessage.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe("demoBanner", () => {
  it("speaks only in demo mode", () => {
    assert.equal(demoBanner({}), undefined);
    assert.match(demoBanner({ OPENCODE_VSCODE_DEMO_MODEL_URL: "http://127.0.0.1:1/v1" })!, /scripted local model/);
  });
});

describe("treeKillArgs (Windows has no process groups)", () => {
  it("walks the tree with /T and forces only on the second, hard pass", () => {
    assert.deepEqual(treeKillArgs(4242, false), ["/PID", "4242", "/T"]);
    assert.deepEqual(treeKillArgs(4242, true), ["/PID", "4242", "/T", "/F"]);
  });
});

describe("errorText", () => {
  it("takes an Error's message and anything else as text", () => {
    assert.equal(errorText(new TypeError("bad input")), "bad input");
    assert.equal(errorText("plain"), "plain");
    assert.equal(errorText(undefined), "undefined");
  });
});
