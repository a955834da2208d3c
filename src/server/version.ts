// Which opencode versions this extension speaks to. Pure: no process, no vscode.
//
// Measured with the real test tier: 1.17.0, 1.17.19 and 1.18.34 pass it whole (no 1.16 release is on
// the npm registry). Older 1.x differ in ways users would hit (on 1.15 runs never finished; 1.14 has
// no session cost and accepts a reply to an ask it no longer has). opencode 2.x is another server API (no /global routes, other event names).

/** The version the extension is built and tested against (the pinned devDependency). */
export const testedVersion = "1.18.33";
/** The oldest version the real test tier passes against. */
export const minimumVersion = "1.17.0";

export type Version = { major: number; minor: number; patch: number; text: string };

/**
 * Pure: the version in `opencode --version`'s output. 1.x prints a bare `1.18.33`, 2.x prints
 * `opencode v2.0.1`; a startup notice may come first, so only the last non-empty line counts.
 */
export function parseVersion(output: string): Version | undefined {
  const last = output.split(/\r?\n/).map(l => l.trim()).filter(Boolean).at(-1) ?? "";
  const m = /^(?:opencode\s+)?v?((\d+)\.(\d+)\.(\d+)(?:[-+][\w.+-]*)?)$/.exec(last);
  return m ? { text: m[1], major: Number(m[2]), minor: Number(m[3]), patch: Number(m[4]) } : undefined;
}

/** Pure: orders two versions by their numbers (a pre-release suffix is not compared). */
export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/**
 * How a version stands: `supported` runs as is; `newer` is a 1.x above the tested one, which runs
 * (1.x keeps its API) with a note in the log; `tooOld` and `nextMajor` are refused.
 */
export type Support = "supported" | "newer" | "tooOld" | "nextMajor";

export function supportOf(v: Version): Support {
  if (v.major >= 2) return "nextMajor";
  if (compareVersions(v, parseVersion(minimumVersion)!) < 0) return "tooOld";
  return compareVersions(v, parseVersion(testedVersion)!) > 0 ? "newer" : "supported";
}

/** Pure: `text` is a version of opencode 2 or later (another server API). */
export function isNextMajor(text: string): boolean {
  const v = parseVersion(text);
  return v !== undefined && supportOf(v) === "nextMajor";
}

/** The supported range, as users read it. */
export const supportedRange = `1.x from ${minimumVersion} on (tested with ${testedVersion})`;
