import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  visit,
} from "yaml";
import type { DocPath, Position, Problem } from "./problems.js";

/** A parsed YAML file that can place any document path on a line and column. */
export interface YamlSource {
  data: unknown;
  /** Syntax errors, duplicate keys, unresolved aliases: when present, `data` must not be trusted. */
  problems: Problem[];
  position(path: DocPath, at: "key" | "value"): Position;
}

type ToPosition = (offset: number) => Position;

export function parseYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  // prettyErrors off: its messages quote the offending line, which could hold a secret pasted by mistake.
  // uniqueKeys off: duplicates are found below, with the key's name and the first occurrence's line.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true });
  const toPosition: ToPosition = (offset) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: Math.max(line, 1), column: Math.max(col, 1) };
  };
  const problems: Problem[] = [
    ...[...doc.errors, ...doc.warnings].map((error) => ({
      path: [],
      message: syntaxMessage(error.message),
      position: toPosition(error.pos[0]),
    })),
    ...duplicateKeys(doc.contents, [], toPosition),
    ...unresolvedAliases(doc, toPosition),
  ];
  const data = problems.length === 0 ? toData(doc, problems, toPosition) : undefined;
  return { data, problems, position: (path, at) => toPosition(offsetOf(doc, path, at)) };
}

function syntaxMessage(message: string): string {
  return `YAML syntax: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/** `*name` with no `&name` before it: yaml itself only notices while building the value. */
function unresolvedAliases(doc: Document, toPosition: ToPosition): Problem[] {
  const found: Problem[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc)) return;
      const message = `YAML syntax: *${alias.source} refers to no anchor &${alias.source} defined before it`;
      found.push({ path: [], message, position: toPosition(alias.range?.[0] ?? 0) });
    },
  });
  return found;
}

function toData(doc: Document, problems: Problem[], toPosition: ToPosition): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // Whatever else yaml only finds while building the value (such as an alias bomb).
    problems.push({ path: [], message: syntaxMessage((error as Error).message), position: toPosition(0) });
    return undefined;
  }
}

/** Every key defined twice in one mapping, reported at the second occurrence. */
function duplicateKeys(node: unknown, path: DocPath, toPosition: ToPosition): Problem[] {
  if (isSeq(node))
    return node.items.flatMap((item, index) => duplicateKeys(item, [...path, index], toPosition));
  if (!isMap(node)) return [];
  const seen = new Map<string, number>();
  const found: Problem[] = [];
  for (const pair of node.items) {
    const key = keyText(pair);
    const offset = (pair.key as Node | null)?.range?.[0] ?? 0;
    const first = key === undefined ? undefined : seen.get(key);
    if (key !== undefined && first !== undefined) {
      const message = `duplicate key "${key}" (first defined on line ${toPosition(first).line})`;
      found.push({ path: [...path, key], message, at: "key", ofKey: true, position: toPosition(offset) });
    } else if (key !== undefined) {
      seen.set(key, offset);
    }
    found.push(...duplicateKeys(pair.value, [...path, key ?? "?"], toPosition));
  }
  return found;
}

function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/**
 * The offset of the node at `path`: its key or its value. Aliases and merge keys are followed; where the
 * path ends early (a missing key), the deepest key that exists stands in.
 */
function offsetOf(doc: Document, path: DocPath, at: "key" | "value"): number {
  let node: unknown = doc.contents;
  let best = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    node = isAlias(node) ? node.resolve(doc) : node;
    const last = index === path.length - 1;
    if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      best = (node as Node | undefined)?.range?.[0] ?? best;
      if (node === undefined) break;
      continue;
    }
    const pair = isMap(node) ? findPair(doc, node.items as Pair[], String(segment)) : undefined;
    if (!pair) break;
    const keyStart = (pair.key as Node | null)?.range?.[0] ?? best;
    const valueStart = (pair.value as Node | null)?.range?.[0];
    best = last && at === "value" ? (valueStart ?? keyStart) : keyStart;
    node = pair.value;
  }
  return best;
}

function findPair(doc: Document, items: Pair[], key: string): Pair | undefined {
  const direct = items.find((pair) => keyText(pair) === key);
  if (direct) return direct;
  for (const merge of items.filter((pair) => keyText(pair) === "<<")) {
    const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
    for (const source of sources) {
      const target = isAlias(source) ? source.resolve(doc) : source;
      const found = isMap(target) ? findPair(doc, target.items as Pair[], key) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}
