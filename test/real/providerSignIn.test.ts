// Browser sign-in (OAuth) against real opencode 1.18.33 and its built-in OpenAI plugin, offline:
// the flow is followed up to the URL it opens, then the browser's side is played by a request to
// the redirect URI opencode listens on (localhost:1455), as a provider sends it when the user
// declines. Seen on 1.18.33: authorize answers method "auto" with `redirect_uri=http://localhost:1455/
// auth/callback`; the callback call blocks until that redirect, then fails with HTTP 500 ("UnknownError").
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { HttpError } from "../../src/common/errors";
import { OpencodeApi } from "../../src/protocol/api";
import { manageProviders, type ProviderAction, type ProviderFlowDeps, type ProviderUi } from "../../src/providers/engine/providerFlow";
import { applyCredentials } from "../../src/providers/engine/applyCredentials";
import type { ProviderRow } from "../../src/providers/engine/providerRows";
import { useSharedServer } from "./helpers/sharedServer";

const browserSignIn = (actions: ProviderAction[]) => actions.find(a => a.kind === "connect" && a.method.label === "ChatGPT Pro/Plus (browser)");

describe("real opencode: signing in to a provider in the browser", function () {
  this.timeout(120_000);
  const shared = useSharedServer({});
  let api: OpencodeApi;
  before(() => { api = new OpencodeApi(async () => shared.oc, shared.oc.workspace); });

  /** The flow for OpenAI's browser sign-in; `wait` plays the user during the wait for the browser. */
  function flow(o: { wait?: (work: Promise<unknown>, abort: AbortController) => Promise<void>; forward?: boolean }) {
    const opened: string[] = [], applied: string[] = [];
    const ui: ProviderUi = {
      pickProvider: async rows => rows.find(r => r.id === "openai"),
      pickAction: async (_row, actions) => browserSignIn(actions),
      askSecret: async () => assert.fail("browser sign-in asks for no secret"),
      askText: async () => undefined, pickOption: async () => undefined, confirm: async () => false, info: () => {},
      waitCancellable: async (_title, work) => {
        const abort = new AbortController();
        const running = work(abort.signal);
        await o.wait?.(running, abort);
        return running;
      },
    };
    const deps: ProviderFlowDeps = {
      api, ui, openExternal: async url => { opened.push(url); return true; },
      applyCredentials: async () => void applied.push("applied"),
      ...(o.forward === undefined ? {} : { forwardLoopbackPort: async () => o.forward! }),
    };
    return { run: () => manageProviders(deps), opened, applied };
  }

  it("opens the provider's authorize URL; a declined sign-in fails the wait with opencode's error, and nothing is stored", async () => {
    const f = flow({
      wait: async () => {
        const redirect = new URL(new URL(f.opened[0]).searchParams.get("redirect_uri")!);
        redirect.search = "error=access_denied&error_description=declined+by+the+test";
        const res = await fetch(redirect);
        assert.equal(res.status >= 400 || (await res.text()).includes("Authorization failed"), true, "opencode's redirect listener did not answer");
      },
    });
    const err = await f.run().then(() => undefined, (e: unknown) => e);
    assert.equal(f.opened.length, 1);
    const url = new URL(f.opened[0]);
    assert.equal(url.origin, "https://auth.openai.com");
    assert.equal(url.searchParams.get("redirect_uri"), "http://localhost:1455/auth/callback");
    assert.ok(err instanceof HttpError && err.status === 500, String(err));
    assert.deepEqual(f.applied, [], "a failed sign-in reloaded the servers");
    const openai = (await api.providerCatalog()).all.find(p => p.id === "openai")!;
    assert.equal(openai.hasKey, false);
  });

  it("the cancel button ends the wait for the browser at once", async () => {
    const f = flow({ wait: async (_work, abort) => abort.abort(new Error("cancelled by the test")) });
    const t0 = Date.now();
    await assert.rejects(f.run(), /cancelled by the test|aborted/i);
    assert.ok(Date.now() - t0 < 20_000, "the callback request outlived the cancel");
    assert.deepEqual(f.applied, []);
  });

  it("on a remote machine whose port 1455 cannot be forwarded: no browser, and the error names the other sign-in", async () => {
    const f = flow({ forward: false });
    await assert.rejects(f.run(), /localhost:1455.*"ChatGPT Pro\/Plus \(headless\)"/s);
    assert.deepEqual(f.opened, [], "the browser was sent to a redirect that cannot come back");
  });

  it("a completed sign-in shows as 'connected · OAuth' (opencode lists it as a keyless custom provider); Disconnect removes it", async () => {
    // What a finished browser sign-in leaves in opencode's store (the offline test cannot finish one).
    const store = path.join(shared.oc.scratch, "data", "opencode", "auth.json");
    fs.mkdirSync(path.dirname(store), { recursive: true });
    fs.writeFileSync(store, JSON.stringify({ openai: { type: "oauth", access: "acc-test", refresh: "ref-test", expires: Date.now() + 3_600_000 } }));
    await api.disposeInstance();
    const rows: ProviderRow[] = [];
    const ui: ProviderUi = {
      pickProvider: async r => { rows.push(...r); return r.find(x => x.id === "openai"); },
      pickAction: async (_row, actions) => actions.find(a => a.kind === "disconnect"),
      askSecret: async () => undefined, askText: async () => undefined, pickOption: async () => undefined,
      confirm: async () => true, info: () => {}, waitCancellable: (_t, work) => work(new AbortController().signal),
    };
    const outcome = await manageProviders({ api, ui, openExternal: async () => false, applyCredentials: async () => void await applyCredentials([api], { askWhenBusy: async () => "now" }) });
    const openai = rows.find(r => r.id === "openai")!;
    assert.deepEqual([openai.state, openai.removable], ["connected · OAuth", true]);
    assert.equal(outcome, "disconnected");
    assert.ok(!fs.readFileSync(store, "utf8").includes("acc-test"), "the OAuth credential is still stored");
    assert.ok(!(await api.providerCatalog()).connected.includes("openai"));
  });
});
