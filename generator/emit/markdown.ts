/** Markdown building blocks that keep any spec string from breaking the page. */

/** Text for a table cell: one line, pipes escaped, HTML inert. */
export function cell(text: string): string {
  return prose(text.replace(/\\/g, "\\\\"))
    .replace(/\|/g, "\\|")
    .replace(/\r\n?|\n|\u2028|\u2029/g, "<br>");
}

/** Inline code that survives backticks inside the text (CommonMark: a longer fence). */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`;
}

/** Inline code inside a table cell: pipes must still be escaped there. */
export function cellCode(text: string): string {
  return code(text.replace(/\r\n?|\n|\u2028|\u2029/g, " ")).replace(/\|/g, "\\|");
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Prose from a spec: HTML inert, line separators made plain newlines. Paired backticks stay code
 * spans (fal writes "If `True`, ..."); an unpaired one is escaped so it cannot swallow what follows.
 */
export function prose(text: string): string {
  const backticks = (text.match(/`/g) ?? []).length;
  const safe = backticks % 2 === 0 ? text : text.replace(/`/g, "\\`");
  return escapeHtml(safe).replace(/\r\n?|\u2028|\u2029/g, "\n");
}

export function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)].join("\n");
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(language: string, text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
