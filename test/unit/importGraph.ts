// The import graph of a source tree, read from the text: every relative import, export-from,
// `import type`, require() and import() counts, so a type-only edge is an edge too.
import * as fs from "node:fs";
import * as path from "node:path";

const specifiers = /(?:^|[^\w.])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?["']([^"']+)["']|(?:require|import)\s*\(\s*["']([^"']+)["']\s*\)/g;

/** Files (relative to `root`, "/" separated) and the files each imports; bare package names are left out. */
export function importGraph(root: string): Map<string, string[]> {
  const files = fs.readdirSync(root, { recursive: true }).map(f => String(f).split(path.sep).join("/")).filter(f => /\.(tsx?|mts|cts)$/.test(f) && !f.endsWith(".d.ts"));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = fs.readFileSync(path.join(root, f), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "");
    const deps = new Set<string>();
    for (const m of text.matchAll(specifiers)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith(".")) continue;
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(f), spec)).replace(/\.js$/, "");
      const hit = [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find(c => known.has(c));
      deps.add(hit ?? base);
    }
    graph.set(f, [...deps]);
  }
  return graph;
}

/** Every import cycle, each as its files in order (Tarjan's strongly connected components). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>(), found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    for (let w = stack.pop()!; ; w = stack.pop()!) { onStack.delete(w); scc.push(w); if (w === v) break; }
    if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.reverse());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}
