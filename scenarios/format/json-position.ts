/** Maps JSON paths (`objects[3].in`) to line/column in the original text, for error messages. */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

export interface Position {
  line: number;
  column: number;
}

/** 1-based line and column of a character offset. */
export function positionOfOffset(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text.charCodeAt(index) === 10) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Builds a locator for one text: path segments → position of the deepest node that exists. */
export function createLocator(text: string): (segments: (string | number)[]) => Position | undefined {
  let tree: Node | undefined;
  try {
    tree = parseTree(text);
  } catch {
    tree = undefined;
  }
  return (segments) => {
    if (!tree) return undefined;
    for (let length = segments.length; length >= 0; length -= 1) {
      const node = findNodeAtLocation(tree, segments.slice(0, length));
      if (node) return positionOfOffset(text, node.offset);
    }
    return undefined;
  };
}

/** `['objects', 3, 'in']` → `objects[3].in`. */
export function formatPath(segments: readonly (string | number | symbol)[]): string {
  return segments
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
