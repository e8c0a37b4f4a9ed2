/**
 * Is a Java runtime ≥ 17 on PATH? (TextWorldExpress and ScienceWorld run in a JVM.) Checked once
 * per process with `java -version`.
 */
import { spawnSync } from 'node:child_process';

export const MIN_JAVA_MAJOR = 17;
export const JAVA_INSTALL_HINT = 'apt-get install default-jre-headless';

export interface JavaStatus {
  ok: boolean;
  /** `17.0.15`, when a java answered. */
  version: string | null;
  /** What is wrong and how to fix it, when not ok. */
  problem: string | null;
}

let cached: JavaStatus | null = null;

/** The major version in `java -version` output (`1.8.0_392` → 8, `17.0.15` → 17). */
export function javaMajor(version: string): number {
  const [first, second] = version.split(/[._+-]/).map(Number);
  return first === 1 && second !== undefined ? second : (first ?? 0);
}

export function javaStatus(): JavaStatus {
  if (cached) return cached;
  const run = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 20_000 });
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : `exit code ${run.status}`;
    cached = { ok: false, version: null, problem: `no Java runtime (java -version: ${why}); install Java ≥ ${MIN_JAVA_MAJOR}: ${JAVA_INSTALL_HINT}` };
    return cached;
  }
  const version = /version "([^"]+)"/.exec(`${run.stderr}${run.stdout}`)?.[1] ?? null;
  if (!version) {
    cached = { ok: false, version: null, problem: `cannot read the version in 'java -version' output; Java ≥ ${MIN_JAVA_MAJOR} is needed (${JAVA_INSTALL_HINT})` };
  } else if (javaMajor(version) < MIN_JAVA_MAJOR) {
    cached = { ok: false, version, problem: `Java ${version} is too old; Java ≥ ${MIN_JAVA_MAJOR} is needed: ${JAVA_INSTALL_HINT}` };
  } else {
    cached = { ok: true, version, problem: null };
  }
  return cached;
}
