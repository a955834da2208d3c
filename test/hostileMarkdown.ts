// Markdown nested deep enough to overflow marked's recursion (lists, quotes, emphasis, indentation):
// the unit test of the nesting limit and the webview test of a message that cannot render use it.
export const deepMarkdown: Record<string, string> = {
  bullets: "- ".repeat(2000) + "x",
  quotes: "> ".repeat(3000) + "x",
  quotesTight: ">".repeat(3000) + "x",
  mixed: "- > ".repeat(1500) + "x",
  ordered: "1. ".repeat(2500) + "x",
  orderedParen: "7) ".repeat(2500) + "x",
  stars: "*".repeat(5000) + "x" + "*".repeat(5000),
  underscores: "_".repeat(5000) + "x" + "_".repeat(5000),
  emphasis: "*a ".repeat(3000) + "b" + " a*".repeat(3000),
  strong: "**a ".repeat(3000) + "b" + " a**".repeat(3000),
  strike: "~~a ".repeat(3000) + "b" + " a~~".repeat(3000),
  indented: Array.from({ length: 300 }, (_, i) => " ".repeat(2 * i) + "- y").join("\n"),
  tabs: Array.from({ length: 300 }, (_, i) => "\t".repeat(i) + "- y").join("\n"),
  quotedLines: Array.from({ length: 300 }, (_, i) => "> ".repeat(i) + "q").join("\n"),
  multiline: Array.from({ length: 3000 }, () => "*a").join("\n") + " b" + " a*".repeat(3000),
};
