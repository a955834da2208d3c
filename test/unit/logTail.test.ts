// LogTail on real files, stepped with poll()/drain() so no test waits on the timer except the one about it.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LogTail, type LogTailOptions } from "../../src/runs/engine/logTail";

describe("LogTail", () => {
  let dir: string;
  let file: string;
  let tails: LogTail[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "logtail-"));
    file = path.join(dir, "run.log");
  });
  afterEach(() => {
    tails.forEach(t => t.dispose());
    tails = [];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A tail that records each batch; `got()` takes the lines delivered since the last call. */
  function tail(o: LogTailOptions = {}) {
    const batches: string[][] = [];
    const errors: unknown[] = [];
    const t = new LogTail(file, lines => batches.push(lines), { onError: e => errors.push(e), ...o });
    tails.push(t);
    let seen = 0;
    const got = (): string[] => batches.slice(seen, (seen = batches.length)).flat();
    return { t, batches, errors, got };
  }
  const append = (s: string | Buffer) => fs.appendFileSync(file, s);
  /** Rewrites in place, as a write tool does: same inode, truncated and written. */
  const rewrite = (s: string) => fs.writeFileSync(file, s);
  /** Replaces by rename, as an atomic save does: a new inode. */
  const replace = (s: string) => {
    fs.writeFileSync(`${file}.tmp`, s);
    fs.renameSync(`${file}.tmp`, file);
  };

  it("delivers whole lines only; a partial line is completed by later appends", async () => {
    const { t, got } = tail();
    append("STATUS: 1");
    await t.poll();
    assert.deepEqual(got(), []);
    assert.equal(t.partialLine, "STATUS: 1");
    append("0%\nDONE");
    await t.poll();
    assert.deepEqual(got(), ["STATUS: 10%"]);
    append("\r\n");
    await t.poll();
    assert.deepEqual(got(), ["DONE"]);
    assert.equal(t.partialLine, undefined);
    await t.poll();
    assert.deepEqual(got(), [], "nothing twice");
  });

  it("finish: once the writer is done, a last line without a line break is a line too, and the tail stops", async () => {
    const { t, got } = tail();
    append("STATUS: 90% nearly\nDONE: no newline at the end ✓");
    await t.drain();
    assert.deepEqual(got(), ["STATUS: 90% nearly"], "while the writer may still be writing, a partial line waits");
    await t.finish();
    assert.deepEqual(got(), ["DONE: no newline at the end ✓"]);
    append(" and more\n");
    await t.poll();
    await t.drain();
    assert.deepEqual(got(), [], "nothing is read after the end");
  });

  it("finish with nothing after the last line break delivers no empty line", async () => {
    const { t, got } = tail();
    append("STATUS: 1\nDONE: ok\n");
    await t.finish();
    assert.deepEqual(got(), ["STATUS: 1", "DONE: ok"]);
  });

  it("decodes a multi-byte character split across appends and across reads", async () => {
    const bytes = Buffer.from("STATUS: é ✓ 😀\nDONE: ok ✓\n");
    const a = tail();
    for (const b of bytes) {
      append(Buffer.from([b]));
      await a.t.poll();
    }
    assert.deepEqual(a.got(), ["STATUS: é ✓ 😀", "DONE: ok ✓"]);

    const b = tail({ maxBytesPerTick: 1 });
    for (let i = 0; i < bytes.length; i++) await b.t.poll();
    assert.deepEqual(b.got(), ["STATUS: é ✓ 😀", "DONE: ok ✓"]);
  });

  it("waits for a missing file without an error, and reads it once it appears", async () => {
    const { t, got, errors } = tail();
    await t.poll();
    await t.drain();
    append("STATUS: up\n");
    await t.poll();
    assert.deepEqual(got(), ["STATUS: up"]);
    fs.rmSync(file);
    await t.poll();
    append("DONE\n"); // a new file: different text from the first byte
    await t.poll();
    assert.deepEqual(got(), ["DONE"]);
    assert.deepEqual(errors, []);
  });

  it("a flood of 100k lines arrives in bounded batches, in order, without losing DONE, ERROR or DELIVERABLE", async () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => `STATUS: [${i % 100}%] step ${i}`);
    lines[500] = "DELIVERABLE: early.md";
    lines[50_000] = "ERROR: halfway";
    lines[99_998] = "DELIVERABLE: late.md";
    lines.push("DONE: flood over");
    append(`${lines.join("\n")}\n`);
    const { t, batches } = tail();
    let polls = 0;
    while (!batches.flat().includes("DONE: flood over") && polls < 10_000) {
      await t.poll();
      polls++;
    }
    const delivered = batches.flat();
    assert.ok(batches.every(b => b.length <= 200), "at most maxLinesPerTick per poll");
    for (const l of ["DELIVERABLE: early.md", "ERROR: halfway", "DELIVERABLE: late.md", "DONE: flood over"]) assert.ok(delivered.includes(l), l);
    assert.equal(delivered.at(-1), "DONE: flood over");
    assert.equal(delivered.length + t.dropped, lines.length, "every line is either delivered or counted as dropped");
    assert.ok(t.dropped > 80_000, `old progress goes in a flood (dropped ${t.dropped})`);
    const index = new Map(lines.map((l, i) => [l, i]));
    const order = delivered.map(l => index.get(l)!);
    assert.ok(order.every((n, i) => i === 0 || n > order[i - 1]), "in file order");
    assert.ok(polls < 100, `read in steps of maxBytesPerTick, delivered in steps of maxLinesPerTick (${polls} polls)`);
  });

  it("drops nothing when the reader keeps up, however many polls it takes", async () => {
    const { t, batches } = tail({ maxLinesPerTick: 7 });
    for (let i = 0; i < 300; i++) {
      append(`STATUS: ${i}\n`);
      if (i % 3 === 0) await t.poll();
    }
    await t.drain();
    assert.equal(batches.flat().length, 300);
    assert.equal(t.dropped, 0);
    assert.ok(batches.every(b => b.length <= 7));
  });

  it("keeps kept lines past the queue limit, dropping only the oldest droppable ones", async () => {
    const { t, got } = tail({ maxQueuedLines: 3, maxLinesPerTick: 100 });
    append(["STATUS: a", "DELIVERABLE: x.md", "STATUS: b", "junk", "ATTENTION: login", "BROWSER: http://localhost/", "STATUS: c", "DONE"].join("\n") + "\n");
    await t.poll();
    assert.deepEqual(got(), ["DELIVERABLE: x.md", "ATTENTION: login", "BROWSER: http://localhost/", "DONE"]);
    assert.equal(t.dropped, 4);
  });

  it("drain reads to the end at once and delivers everything, still in batches", async () => {
    append(Array.from({ length: 1000 }, (_, i) => `STATUS: ${i}`).join("\n") + "\nDONE\n");
    const { t, batches } = tail({ maxBytesPerTick: 100 });
    await t.drain();
    assert.equal(batches.flat().length, 1001);
    assert.equal(batches.flat().at(-1), "DONE");
    assert.ok(batches.every(b => b.length <= 200));
    assert.equal(batches.length, 6);
  });

  it("a rewrite that keeps the text read so far delivers only the new lines, in place or by rename", async () => {
    const { t, got } = tail();
    append("STATUS: a\nSTATUS: b\n");
    await t.poll();
    assert.deepEqual(got(), ["STATUS: a", "STATUS: b"]);
    rewrite("STATUS: a\nSTATUS: b\nSTATUS: c\n");
    await t.poll();
    assert.deepEqual(got(), ["STATUS: c"]);
    replace("STATUS: a\nSTATUS: b\nSTATUS: c\nDONE\n");
    await t.poll();
    assert.deepEqual(got(), ["DONE"]);
  });

  it("a rewrite seen half-written waits, then goes on where it was", async () => {
    const { t, got } = tail();
    append("STATUS: a\nSTATUS: b\nSTATUS: c\n");
    await t.poll();
    got();
    rewrite(""); // truncated, not yet written
    await t.poll();
    rewrite("STATUS: a\nSTAT");
    await t.poll();
    await t.poll();
    assert.deepEqual(got(), []);
    rewrite("STATUS: a\nSTATUS: b\nSTATUS: c\nSTATUS: d\n");
    await t.poll();
    assert.deepEqual(got(), ["STATUS: d"]);
  });

  it("a rewrite with other text delivers from the first line that differs", async () => {
    const { t, got } = tail();
    append("STATUS: a\nSTATUS: b\nSTATUS: c\n");
    await t.poll();
    got();
    rewrite("STATUS: a\nSTATUS: B\n"); // shorter, differs in line 2
    await t.poll();
    assert.deepEqual(got(), ["STATUS: B"]);
    replace("DONE: all new\n");
    await t.poll();
    assert.deepEqual(got(), ["DONE: all new"]);
  });

  it("notices an earlier line edited in place even when the file grew", async () => {
    const { t, got } = tail();
    append("STATUS: 1%\nSTATUS: 2%\n");
    await t.poll();
    got();
    rewrite("STATUS: 1%\nSTATUS: 20%\nDONE\n"); // what an edit tool leaves after replacing one line and adding one
    await t.poll();
    assert.deepEqual(got(), ["STATUS: 20%", "DONE"]);
  });

  it("a rewrite completes a partial line without delivering earlier lines again", async () => {
    const { t, got } = tail();
    append("STATUS: a\nSTAT");
    await t.poll();
    assert.deepEqual(got(), ["STATUS: a"]);
    rewrite("STATUS: a\nSTATUS: b\n");
    await t.poll();
    assert.deepEqual(got(), ["STATUS: b"]);
  });

  it("drops queued lines of replaced text instead of delivering them", async () => {
    const { t, got } = tail({ maxLinesPerTick: 1 });
    append("STATUS: a\nSTATUS: old1\nSTATUS: old2\n");
    await t.poll();
    assert.deepEqual(got(), ["STATUS: a"]);
    rewrite("STATUS: a\nSTATUS: new\n");
    await t.drain();
    assert.deepEqual(got(), ["STATUS: new"]);
  });

  it("survives a throwing onLines and reports it", async () => {
    const errors: unknown[] = [];
    const seen: string[] = [];
    const t = new LogTail(file, lines => {
      seen.push(...lines);
      if (seen.length === 1) throw new Error("consumer bug");
    }, { onError: e => errors.push(e), maxLinesPerTick: 1 });
    tails.push(t);
    append("STATUS: a\nDONE\n");
    await t.poll();
    await t.poll();
    assert.deepEqual(seen, ["STATUS: a", "DONE"]);
    assert.match(String(errors[0]), /consumer bug/);
  });

  it("serializes overlapping polls and drains: each line once, in order", async () => {
    append(Array.from({ length: 50 }, (_, i) => `STATUS: ${i}`).join("\n") + "\n");
    const { t, got } = tail({ maxBytesPerTick: 16, maxLinesPerTick: 3 });
    await Promise.all([t.poll(), t.poll(), t.drain(), t.poll()]);
    assert.deepEqual(got(), Array.from({ length: 50 }, (_, i) => `STATUS: ${i}`));
  });

  it("polls on its own after start(), and stops after dispose()", async () => {
    const { t, got } = tail({ intervalMs: 5 });
    append("STATUS: a\n");
    const delivered = new Promise<void>(resolve => {
      const check = setInterval(() => { if (got().length) { clearInterval(check); resolve(); } }, 2);
    });
    t.start();
    t.start(); // a second start does not start a second loop
    await delivered;
    t.dispose();
    append("DONE\n");
    // Timer polls and this one take turns on one chain, so a timer poll under way finishes before
    // this one does, and one not yet begun would do what this one does: deliver nothing.
    await t.poll();
    assert.deepEqual(got(), [], "nothing after dispose");
  });
});
