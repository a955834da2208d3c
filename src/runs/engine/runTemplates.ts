/**
 * Pure: the context commands' prompts. Each is a template (setting `opencode.runs.templates`) with
 * `${name}` variables filled from the editor. Unknown variables stay as written, so a typo shows up
 * in the prompt instead of vanishing.
 */
export type TemplateName = "askAboutSelection" | "explainFile" | "fixProblems" | "writeTests";
export const templateNames: readonly TemplateName[] = ["askAboutSelection", "explainFile", "fixProblems", "writeTests"];

export const defaultTemplates: Record<TemplateName, string> = {
  askAboutSelection: "${question}\n\nAbout this code from ${file} (lines ${lines}):\n\n```${language}\n${selection}\n```",
  explainFile: "Explain ${file}: what it does, how it fits into the project, and anything surprising in it. Do not change any project file. Write the explanation as a markdown deliverable named explanation.md.",
  fixProblems: "Fix these problems reported in ${file}:\n\n${diagnostics}\n\nKeep the changes minimal and do not change behaviour beyond the fixes.",
  writeTests: "Write tests for ${file}, following the project's existing test framework and conventions. Run them if the project can run tests, and fix what fails.",
};

export type TemplateVars = Partial<Record<"file" | "selection" | "lines" | "language" | "diagnostics" | "question", string>>;

/** The template for `name` from the setting's value, falling back to the default (with why, for a warning). */
export function templateFor(setting: unknown, name: TemplateName): { template: string; problem?: string } {
  if (setting === undefined || setting === null) return { template: defaultTemplates[name] };
  if (typeof setting !== "object" || Array.isArray(setting)) return { template: defaultTemplates[name], problem: "opencode.runs.templates must be an object of template strings" };
  const value = (setting as Record<string, unknown>)[name];
  if (value === undefined) return { template: defaultTemplates[name] };
  if (typeof value !== "string" || !value.trim()) return { template: defaultTemplates[name], problem: `opencode.runs.templates.${name} must be a non-empty string` };
  return { template: value };
}

export function fillTemplate(template: string, vars: TemplateVars): string {
  return template.replace(/\$\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? vars[name as keyof TemplateVars] ?? "" : whole));
}

export type Diagnostic = { line: number; severity: "error" | "warning" | "info" | "hint"; message: string; source?: string; code?: string };

/** Diagnostics as the prompt lists them: one per line, 1-based line numbers, worst first. */
export function formatDiagnostics(list: readonly Diagnostic[], max = 50): string {
  const rank = { error: 0, warning: 1, info: 2, hint: 3 };
  const sorted = [...list].sort((a, b) => rank[a.severity] - rank[b.severity] || a.line - b.line);
  const lines = sorted.slice(0, max).map(d => `- line ${d.line} ${d.severity}${d.source ? ` (${d.source}${d.code ? ` ${d.code}` : ""})` : ""}: ${d.message.replace(/\s+/g, " ").trim()}`);
  if (sorted.length > max) lines.push(`- … and ${sorted.length - max} more`);
  return lines.join("\n");
}
