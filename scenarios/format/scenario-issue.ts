/** One problem found in a scenario file: where, what, and how to fix it. */
export interface ScenarioIssue {
  file: string;
  /** JSON path like `objects[3].in`, or `layout.map[2]` for map problems. */
  path: string;
  /** 1-based line in the file when known. */
  line?: number;
  column?: number;
  message: string;
  /** The closest valid name, when one exists. */
  suggestion?: string;
}

/** Formats an issue as one line: `file:line:col path: message`. */
export function formatIssue(issue: ScenarioIssue): string {
  const where = issue.line ? `${issue.file}:${issue.line}${issue.column ? `:${issue.column}` : ''}` : issue.file;
  return `${where} ${issue.path || '(root)'}: ${issue.message}`;
}

/** For callers who prefer exceptions: every issue of one file. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map(formatIssue).join('\n'));
  }
}
