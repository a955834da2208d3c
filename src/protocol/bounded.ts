// Bounds on the free-form values opencode relays as it got them: a tool call's input (the model's
// arguments, stored as sent), its output and metadata, an unknown part's fields, an ask's metadata,
// an error's data. A model can nest arguments thousands of levels deep; structuredClone throws from
// about 4,000 levels and JSON.stringify from about 6,000, and the host runs both on every panel
// flush, so one such part kept its session from the panel for good. Values are cut where they are
// decoded, before anything stores or copies them, with markers that say so in the view.

/** Real tool arguments and metadata are a few levels deep; 64 leaves room for any honest schema. */
export const maxDepth = 64;
/**
 * Longer strings are cut. Tool outputs are a few KB (opencode truncates its own); a write's content
 * can be a whole file. SSE frames are capped at 16 Mi characters anyway; this bounds REST loads too.
 */
export const maxStringChars = 4 * 1024 * 1024;
/** Objects, arrays and values kept per bounded value; beyond, the rest of a container is cut. */
export const maxNodes = 100_000;

export const nestedTooDeep = "…(nested too deep)";
export const tooManyValues = "…(too many values)";
export const truncatedNote = (chars: number): string => `…(truncated: ${chars.toLocaleString("en")} characters)`;

export function boundString(s: string): string {
  return s.length <= maxStringChars ? s : s.slice(0, maxStringChars) + truncatedNote(s.length);
}

/** `value` itself when it is within bounds (no copy), else a copy cut down with markers. */
export function bounded<T>(value: T): T {
  return walk(value, 0, { nodes: maxNodes }) as T;
}

function walk(v: unknown, depth: number, budget: { nodes: number }): unknown {
  if (typeof v === "string") return boundString(v);
  if (typeof v !== "object" || v === null) return v;
  if (depth >= maxDepth) return nestedTooDeep;
  const source = v as Record<string, unknown>;
  const keys = Array.isArray(v) ? undefined : Object.keys(v);
  const n = keys ? keys.length : (v as unknown[]).length;
  let out: Record<string, unknown> | unknown[] | undefined;
  for (let i = 0; i < n; i++) {
    const k = keys ? keys[i] : i;
    if (--budget.nodes < 0) {
      out = Array.isArray(v) ? [...v.slice(0, i), tooManyValues] : { ...copyOf(source, keys!.slice(0, i)), "…": tooManyValues };
      break;
    }
    const x = walk(source[k], depth + 1, budget);
    if (x === source[k]) continue;
    out ??= Array.isArray(v) ? v.slice() : copyOf(source, keys!);
    // defineProperty: a "__proto__" key from JSON.parse must stay a key, not set a prototype.
    Object.defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
  }
  return out ?? v;
}

function copyOf(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) Object.defineProperty(out, k, { value: source[k], writable: true, enumerable: true, configurable: true });
  return out;
}
