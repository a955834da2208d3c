// The Sessions view's list model against real opencode: every session reachable page by page (not
// only GET /session's newest 100), the server's title search, events keeping it current without
// re-listing, sub-agent sessions under their parent, and sessions made by another server process
// (the TUI, another window) picked up by the sweep a window focus runs.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FakeModel, text } from "../fakes/fakeModel";
import { testSupervisor, fakeProviderConfig } from "../fakes/realOpencode";
import { FolderSession } from "../../src/conversation/folderSession";
import { OpencodeApi } from "../../src/protocol/api";
import type { SessionPageQuery } from "../../src/protocol/sessionList";
import { SessionList, type SessionListSource } from "../../src/sessions/engine/sessionList";
import { followFolder } from "../../src/sessions/engine/followFolder";
import { waitUntil } from "./helpers/processes";

const quiet = { debug: () => {}, info: () => {}, warn: (m: string) => console.log(`      warn: ${m}`) };

describe("real opencode: the Sessions view's list (paging, search, events)", function () {
  this.timeout(120_000);
  let model: FakeModel;
  let scratch: string;
  let dir: string;
  let fsn: FolderSession;
  let api: OpencodeApi;
  const cleanup: (() => unknown)[] = [];
  /** Every page request the list makes, to prove events alone keep it current. */
  const pages: SessionPageQuery[] = [];
  const source = (): SessionListSource => ({
    sessionPage: q => { pages.push(q); return api.sessionPage(q); },
    sessionChildren: id => api.sessionChildren(id),
  });
  const created: string[] = [];

  before(async () => {
    model = await FakeModel.start();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "oc-sl-"));
    dir = path.join(scratch, "ws");
    fs.mkdirSync(dir);
    const sup = testSupervisor(scratch, dir, fakeProviderConfig(model));
    fsn = new FolderSession(() => sup.ensureRunning(), dir, quiet);
    api = new OpencodeApi(() => sup.ensureRunning(), dir);
    cleanup.push(async () => { fsn.dispose(); await sup.dispose(); });
    await fsn.stream.whenConnected();
    // 135 top-level sessions, more than GET /session's 100; every tenth has "Needle" in its title.
    for (let i = 0; i < 135; i += 15) {
      const batch = await Promise.all(Array.from({ length: 15 }, (_, k) => i + k).map(n =>
        api.createSession({ title: n % 10 === 0 ? `Needle ${n}` : `plain ${n}` })));
      created.push(...batch.map(s => s.id));
    }
  });
  after(async () => {
    for (const c of cleanup.reverse()) await c();
    await model?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("reaches every session page by page, newest-updated first, where GET /session stops at 100", async () => {
    assert.equal((await api.listSessions()).length, 100, "the old source: only the newest 100");
    const list = new SessionList(source(), 50);
    await list.ensureLoaded();
    assert.equal(list.sessions.length, 50);
    assert.ok(list.hasMore);
    while (list.hasMore) await list.loadMore();
    const ids = list.sessions.map(s => s.id);
    assert.equal(new Set(ids).size, ids.length, "no session twice");
    assert.deepEqual([...ids].sort(), [...created].sort());
    const updated = list.sessions.map(s => s.time.updated);
    assert.deepEqual(updated, [...updated].sort((a, b) => b - a));
    list.dispose();
  });

  it("searches titles on the server, case-insensitively", async () => {
    const list = new SessionList(source(), 50);
    await list.setSearch("nEEdle");
    assert.deepEqual(list.sessions.map(s => s.title).sort(), Array.from({ length: 14 }, (_, k) => `Needle ${k * 10}`).sort());
    assert.equal(list.hasMore, false);
    await list.setSearch("no title has this");
    assert.deepEqual(list.sessions, []);
    list.dispose();
  });

  it("follows create, rename, delete and status events without listing again", async () => {
    const list = new SessionList(source(), 50);
    let changes = 0;
    const follow = followFolder(list, fsn, () => changes++, err => assert.fail(String(err)));
    await list.ensureLoaded();
    const listedBefore = pages.length;
    const s = await api.createSession({ title: "made while watching" });
    await waitUntil(() => list.sessions[0]?.id === s.id, 10_000, "the created session never reached the list");
    await api.renameSession(s.id, "renamed while watching");
    await waitUntil(() => list.sessions.find(x => x.id === s.id)?.title === "renamed while watching", 10_000, "the rename never reached the list");
    model.script(text("a reply"));
    const before = changes;
    await api.prompt(s.id, [{ type: "text", text: "hi" }]);
    await waitUntil(() => fsn.state.sessions[s.id]?.status.type !== "idle", 10_000, "no busy status");
    assert.ok(changes > before, "a status change repaints the row");
    await waitUntil(() => fsn.state.sessions[s.id]?.status.type === "idle", 30_000, "the turn never ended");
    await api.deleteSession(s.id);
    await waitUntil(() => !list.sessions.some(x => x.id === s.id), 10_000, "the deleted session stayed");
    assert.equal(pages.length, listedBefore, "events alone kept the list current");
    follow.dispose();
    list.dispose();
  });

  it("lists sub-agent sessions under their parent only, and knows the parent has some", async () => {
    const list = new SessionList(source(), 50);
    const follow = followFolder(list, fsn, () => {}, err => assert.fail(String(err)));
    await list.ensureLoaded();
    const parent = await api.createSession({ title: "parent" });
    const child = await api.createSession({ title: "sub-agent", parentID: parent.id });
    await waitUntil(() => list.mayHaveChildren(parent.id), 10_000, "the child's event never marked its parent");
    assert.ok(!list.sessions.some(s => s.id === child.id), "a sub-agent is not a top-level row");
    assert.deepEqual((await list.childrenOf(parent.id)).map(s => s.title), ["sub-agent"]);
    assert.equal(list.mayHaveChildren(created[0]), false);
    assert.deepEqual(await list.childrenOf(created[0]), []);
    follow.dispose();
    list.dispose();
  });

  it("picks up a session another server process made when the folder is re-read (window focus)", async () => {
    const list = new SessionList(source(), 50);
    const follow = followFolder(list, fsn, () => {}, err => assert.fail(String(err)));
    await list.ensureLoaded();
    // A second opencode on the same storage, as the TUI would be: its sessions send no event here.
    const other = testSupervisor(scratch, dir, fakeProviderConfig(model));
    cleanup.push(() => other.dispose());
    const elsewhere = await new OpencodeApi(() => other.ensureRunning(), dir).createSession({ title: "made in the TUI" });
    const marker = await api.createSession({ title: "barrier" });
    await waitUntil(() => list.sessions.some(s => s.id === marker.id), 10_000, "barrier event");
    assert.ok(!list.sessions.some(s => s.id === elsewhere.id), "no event came from the other process");
    await fsn.refresh();
    await waitUntil(() => list.sessions.some(s => s.id === elsewhere.id), 10_000, "the re-read never found the other process's session");
    follow.dispose();
    list.dispose();
  });
});
