// Pure checks for each contributed setting. VS Code hands settings.json values over as written,
// whatever package.json's schema says, so every value is checked here before use. A wrong value
// never throws and never drops another setting: it becomes the safe value for that one setting,
// and the problem says which setting, what was wrong and what is used instead. When unsure, ask.

/** A value to use, and when the setting's value could not be used as written, why and what instead. */
export type Checked<T> = { value: T; problem?: string };
export type Check<T> = (raw: unknown, key: string) => Checked<T>;

/** How a value is shown in a problem: JSON, shortened, so a huge or odd value cannot flood the message. */
export function shown(raw: unknown): string {
  let text: string;
  try { text = JSON.stringify(raw) ?? String(raw); } catch { text = String(raw); }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const problem = <T>(key: string, raw: unknown, what: string, value: T, using: string): Checked<T> =>
  ({ value, problem: `opencode.${key}: ${shown(raw)} ${what}; ${using}` });

const unset = (raw: unknown) => raw === undefined || raw === null;

export function stringSetting(def: string, using: string): Check<string> {
  return (raw, key) => unset(raw) ? { value: def } : typeof raw === "string" ? { value: raw } : problem(key, raw, "is not a string", def, using);
}

export function booleanSetting(def: boolean): Check<boolean> {
  return (raw, key) => {
    if (unset(raw)) return { value: def };
    if (typeof raw === "boolean") return { value: raw };
    // "false" in quotes is a common slip; honour what it plainly means, and say how to write it.
    if (typeof raw === "string" && /^(true|false)$/i.test(raw.trim())) {
      const value = raw.trim().toLowerCase() === "true";
      return problem(key, raw, "is a string, not a boolean", value, `using ${value} (write it without quotes)`);
    }
    return problem(key, raw, "is not true or false", def, `using ${def}`);
  };
}

export function enumSetting<T extends string>(values: readonly T[], safe: T): Check<T> {
  return (raw, key) => {
    if (unset(raw)) return { value: safe };
    if (typeof raw === "string" && (values as readonly string[]).includes(raw)) return { value: raw as T };
    return problem(key, raw, `is not one of ${values.join(", ")}`, safe, `using ${safe}`);
  };
}

/** setTimeout's longest delay is 2^31-1 ms; anything longer fires at once. */
export const longestTimerMinutes = Math.floor((2 ** 31 - 1) / 60_000);

/** Minutes ≥ 0 where 0 means never, capped at the longest delay a timer can wait. */
export function minutesSetting(def: number): Check<number> {
  return (raw, key) => {
    if (unset(raw)) return { value: def };
    if (typeof raw !== "number" || !Number.isFinite(raw)) return problem(key, raw, "is not a number of minutes", def, `using ${def}`);
    if (raw < 0) return problem(key, raw, "is negative", def, `using ${def} (0 means never)`);
    if (raw > longestTimerMinutes) return problem(key, raw, `is longer than a timer can wait (${longestTimerMinutes})`, longestTimerMinutes, `using ${longestTimerMinutes}`);
    return { value: raw };
  };
}

/** An array of non-empty strings; other items are left out, each one named. */
export function stringListSetting(): Check<string[]> {
  return (raw, key) => {
    if (unset(raw)) return { value: [] };
    if (!Array.isArray(raw)) return problem(key, raw, "is not a list of strings", [], "using none");
    const value = raw.filter((v): v is string => typeof v === "string" && v.trim() !== "");
    const bad = raw.filter(v => !(typeof v === "string" && v.trim() !== ""));
    return bad.length ? problem(key, bad.length === 1 ? bad[0] : bad, `${bad.length === 1 ? "is not a" : "are not"} non-empty string${bad.length === 1 ? "" : "s"}`, value, "leaving it out") : { value };
  };
}

/** A plain object (not an array), or the problem of it not being one. */
export function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw);
}

/** Joins several problems of one setting into one message each. */
export function problemsOf(...checked: Checked<unknown>[]): string[] {
  return checked.flatMap(c => c.problem ? [c.problem] : []);
}
