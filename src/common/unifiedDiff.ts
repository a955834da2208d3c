/**
 * Pure: the two sides of a unified diff's hunks, so an edit can be shown in VS Code's diff editor
 * without the whole file (opencode's edit tool records only the patch). Hunks are separated by a
 * marker line on both sides so unrelated regions do not look adjacent.
 */
export function splitUnifiedDiff(patch: string): { before: string; after: string } {
  const before: string[] = [], after: string[] = [];
  let inHunk = false;
  for (const line of patch.split(/\r?\n/)) {
    if (line.startsWith("@@")) {
      if (inHunk) { before.push("⋯"); after.push("⋯"); }
      inHunk = true;
      continue;
    }
    if (!inHunk || line.startsWith("\\")) continue; // headers, "\ No newline at end of file"
    const body = line.slice(1);
    if (line.startsWith("-")) before.push(body);
    else if (line.startsWith("+")) after.push(body);
    else if (line.startsWith(" ") || line === "") { before.push(body); after.push(body); }
  }
  return { before: before.join("\n"), after: after.join("\n") };
}
