/**
 * Finds where a field sits in a YAML text, so a validation error can name the line an administrator
 * has to edit. Validation runs on the plain value (`doc.toJS()`); this walks the same path through the
 * document's nodes, which keep their offsets.
 */
import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A field's path: map keys and list indexes from the top of the document. */
export type YamlPath = readonly (string | number)[];

export interface YamlPosition {
  /** 1-based, as editors show them. */
  line: number;
  column: number;
}

export type YamlLocator = (path: YamlPath, options?: { atKey?: boolean }) => YamlPosition;

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/**
 * A function from path to position. For a path that goes further than the document (a missing field),
 * it answers with the deepest node that exists, which is where the field has to be added. With `atKey`
 * it points at the key rather than its value (for "unknown field" errors).
 */
export function createYamlLocator(doc: Document, lineCounter: LineCounter): YamlLocator {
  return (path, options = {}) => {
    let node: unknown = doc.contents;
    let offset = startOf(node) ?? 0;
    for (const [index, segment] of path.entries()) {
      const last = index === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find(
          (item) => isScalar(item.key) && String(item.key.value) === String(segment),
        );
        if (!pair) break;
        const keyStart = startOf(pair.key);
        if (last && options.atKey && keyStart !== undefined) {
          offset = keyStart;
          break;
        }
        node = pair.value;
        offset = startOf(node) ?? keyStart ?? offset;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (item === undefined) break;
        node = item;
        offset = startOf(node) ?? offset;
      } else {
        break;
      }
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** `objectives[1].targets[0].rule.atLeast`: how paths are shown in errors. */
export function formatYamlPath(path: YamlPath): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`,
    )
    .join('');
}
