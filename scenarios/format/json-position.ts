/** Maps JSON paths (`objects[3].in`) to line/column in the original text, for error messages. */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

export interface Position {
  line: number;
  column: number;
}

/** Offset → 1-based line and column for one text, by binary search over its line starts (fast for many issues). */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** 1-based line and column of a character offset. */
export function positionOfOffset(text: string, offset: number): Position {
  return lineIndex(text)(offset);
}

/** Builds a locator for one text: path segments → position of the deepest node that exists. */
export function createLocator(text: string): (segments: (string | number)[]) => Position | undefined {
  let tree: Node | undefined;
  try {
    tree = parseTree(text);
  } catch {
    tree = undefined;
  }
  const position = lineIndex(text);
  return (segments) => {
    if (!tree) return undefined;
    for (let length = segments.length; length >= 0; length -= 1) {
      const node = findNodeAtLocation(tree, segments.slice(0, length));
      if (node) return position(node.offset);
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
