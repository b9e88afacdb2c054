const BLOCKS = new Set([
  "ADDRESS",
  "BLOCKQUOTE",
  "DIV",
  "DL",
  "DT",
  "DD",
  "FIGURE",
  "FOOTER",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "HEADER",
  "HR",
  "LI",
  "OL",
  "P",
  "PRE",
  "SECTION",
  "TABLE",
  "TR",
  "UL",
]);
const SKIPPED = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "HEAD", "TITLE"]);

/**
 * The text of an HTML body (an Outlook event's), to show as text, never as markup: parsed into an inert
 * document (DOMParser runs no script and loads no image), its text read with line breaks where blocks
 * and <br> were.
 */
export function htmlToText(html: string): string {
  const document = new DOMParser().parseFromString(html, "text/html");
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? "").replace(/\s+/g, " "));
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    if (tag === "BR") {
      parts.push("\n");
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) parts.push("\n");
    if (tag === "HR") parts.push("———\n");
    for (const child of Array.from(node.childNodes)) walk(child);
    if (tag === "TD" || tag === "TH") parts.push("\t");
    if (block) parts.push("\n");
  };
  if (document.body) walk(document.body);
  return parts
    .join("")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
