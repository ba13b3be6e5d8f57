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
  return inertLinks(escapeHtml(safe).replace(/\r\n?|\u2028|\u2029/g, "\n"));
}

/** Whether a link target from a spec may be linked: http(s) URLs only. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url.trim());
}

/**
 * Text with every Markdown link whose target is not an http(s) URL made plain text: inline links
 * and images (`[x](javascript:...)`) and reference definitions (`[x]: data:...`) lose the syntax
 * that makes them links. Raw HTML and `<scheme:...>` autolinks are already inert (escaped).
 */
export function inertLinks(text: string): string {
  return text
    .replace(/\]\(([ \t]*\n?[ \t]*<?)([^)>\s]*)/g, (whole, lead: string, target: string) => (isWebUrl(target) ? whole : `]\\(${lead}${target}`))
    .replace(/^([ ]{0,3})\[([^\]\n]*)\]:([ \t]*<?)(\S*)/gm, (whole, indent: string, label: string, lead: string, target: string) =>
      isWebUrl(target) ? whole : `${indent}\\[${label}]:${lead}${target}`,
    );
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
