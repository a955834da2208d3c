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

/** The template for `name`: the user's (already checked: non-empty strings only), else the default. */
export function templateFor(templates: Readonly<Record<string, string>>, name: TemplateName): string {
  return Object.hasOwn(templates, name) ? templates[name] : defaultTemplates[name];
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
