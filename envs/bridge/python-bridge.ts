/**
 * The Node end of a Python environment bridge: one long-lived `python -u bridge.py` process in its
 * own process group, spoken to in JSON lines (see jsonl_server.py). One call at a time, each with a
 * timeout. Every fault becomes an EnvError of the right kind and leaves the bridge dead with its
 * whole process group killed: exit mid-call → 'crashed', no answer in time → 'timeout', a line that
 * is not a well-formed answer → 'protocol'. Error answers keep the bridge alive and keep their kind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvError } from '../protocol.ts';

export type BridgeOp = 'hello' | 'reset' | 'step';
export type EnvErrorKind = EnvError['kind'];

/** Per-call timeouts in milliseconds. */
export interface BridgeTimeouts {
  hello: number;
  reset: number;
  step: number;
  /** How long `close()` waits for a polite exit before killing. */
  close: number;
}

export const DEFAULT_BRIDGE_TIMEOUTS: BridgeTimeouts = { hello: 120_000, reset: 120_000, step: 30_000, close: 2_000 };

export interface PythonBridgeOptions {
  /** The Python interpreter (a peer's venv `bin/python`). */
  python: string;
  /** The bridge script. */
  script: string;
  /** Who this is in messages: `alfworld bridge`. */
  label: string;
  /** Extra arguments after the script. */
  args?: string[];
  /** Extra environment variables. */
  env?: Record<string, string>;
  timeouts?: Partial<BridgeTimeouts>;
}

/** The folder holding jsonl_server.py: on PYTHONPATH so bridges can `from jsonl_server import serve`. */
export const BRIDGE_LIB_DIR = path.dirname(fileURLToPath(import.meta.url));
const STDERR_TAIL_CHARS = 4096;
const ERROR_KINDS: readonly EnvErrorKind[] = ['missing', 'crashed', 'timeout', 'protocol', 'task', 'usage'];

/** Live bridge process groups, killed when Node exits so no Python is orphaned. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid);
  });
}

interface PendingCall {
  id: number;
  op: string;
  resolve: (result: unknown) => void;
  reject: (error: EnvError) => void;
  timer: NodeJS.Timeout;
}

export class PythonBridge {
  private readonly child: ChildProcess;
  private readonly timeouts: BridgeTimeouts;
  private readonly label: string;
  private stdoutBuffer = '';
  private stderrTail = '';
  private nextId = 1;
  private pending: PendingCall | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private deadReason: EnvError | null = null;
  private readonly exited: Promise<void>;
  private exitCode: number | null = null;
  private exitSignal: NodeJS.Signals | null = null;
  private hasExited = false;

  /** Starts the process; it answers once the first call arrives (spawn failures surface there). */
  constructor(options: PythonBridgeOptions) {
    installExitHook();
    this.label = options.label;
    this.timeouts = { ...DEFAULT_BRIDGE_TIMEOUTS, ...options.timeouts };
    const pythonPath = [BRIDGE_LIB_DIR, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter);
    this.child = spawn(options.python, ['-u', options.script, ...(options.args ?? [])], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...options.env, PYTHONPATH: pythonPath, PYTHONUNBUFFERED: '1' },
    });
    const pid = this.child.pid;
    if (pid !== undefined) liveGroups.add(pid);
    // An idle bridge does not keep Node alive; a call in flight does (its timer).
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();

    this.child.stdout!.setEncoding('utf8');
    this.child.stdout!.on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
    });
    this.child.stdin!.on('error', () => {
      // EPIPE when the process died: the exit handler reports it.
    });
    const stdoutClosed = new Promise((resolve) => this.child.stdout!.once('close', resolve));
    let resolveExited: () => void = () => undefined;
    this.exited = new Promise((resolve) => (resolveExited = resolve));
    this.child.once('exit', (code, signal) => {
      this.hasExited = true;
      this.exitCode = code;
      this.exitSignal = signal;
      if (pid !== undefined) {
        killGroup(pid); // children the Python started (a JVM) go with it
        liveGroups.delete(pid);
      }
      // Let answers and stderr already in the pipes arrive before declaring a crash.
      void Promise.race([stdoutClosed, new Promise((resolve) => setTimeout(resolve, 500))]).then(() => {
        this.fail(new EnvError('crashed', `${this.label} exited (${this.exitText()})${this.pending ? ` during '${this.pending.op}'` : ''}${this.stderrText()}`));
        resolveExited();
      });
    });
    this.child.once('error', (error: NodeJS.ErrnoException) => {
      // The process could not be started (no 'exit' follows).
      const kind = error.code === 'ENOENT' ? 'missing' : 'crashed';
      this.hasExited = true;
      if (pid !== undefined) liveGroups.delete(pid);
      this.fail(new EnvError(kind, `${this.label}: cannot start ${options.python} ${options.script}: ${error.message}`));
      resolveExited();
    });
  }

  /** The process id (also its process group id), while it has one. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** False after any fault or close: a dead bridge answers nothing; make a new one. */
  get alive(): boolean {
    return this.deadReason === null;
  }

  /** The last ~4 KB the process wrote on stderr. */
  get stderr(): string {
    return this.stderrTail;
  }

  /** Sends one request and resolves with its `result` (calls queue; each has its own timeout). */
  call(op: BridgeOp, args: Record<string, unknown>, timeoutMs: number = this.timeouts[op]): Promise<unknown> {
    const run = () => this.send(op, args, timeoutMs);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Asks the process to stop, then kills its whole group anyway. Safe to call twice. */
  async close(): Promise<void> {
    if (this.pending) this.fail(new EnvError('usage', `${this.label} was closed during '${this.pending.op}'`));
    if (this.deadReason === null && !this.hasExited) {
      try {
        await this.send('close', {}, this.timeouts.close);
      } catch {
        // It will be killed below.
      }
    }
    if (!this.deadReason) this.deadReason = new EnvError('usage', `${this.label} was closed`);
    if (!this.hasExited) {
      if (!(await this.waitForExit(this.timeouts.close)) && this.child.pid !== undefined) killGroup(this.child.pid);
      await this.waitForExit(5_000);
    }
    if (this.child.pid !== undefined) killGroup(this.child.pid);
  }

  /** Resolves true once the process has exited, false after `ms` (a live timer keeps Node waiting). */
  private waitForExit(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      void this.exited.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private send(op: string, args: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    if (this.deadReason) {
      const reason = this.deadReason;
      return Promise.reject(new EnvError(reason.kind === 'usage' ? 'usage' : 'crashed', `${this.label} is not running (${reason.message}); start a new one`));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new EnvError('timeout', `${this.label} gave no answer to '${op}' within ${(timeoutMs / 1000).toFixed(1)} s; killed it${this.stderrText()}`));
      }, timeoutMs);
      this.pending = { id, op, resolve, reject, timer };
      this.child.stdin!.write(`${JSON.stringify({ id, op, args })}\n`);
    });
  }

  private onStdout(chunk: string): void {
    this.stdoutBuffer += chunk;
    let newline: number;
    while ((newline = this.stdoutBuffer.indexOf('\n')) >= 0) {
      const line = this.stdoutBuffer.slice(0, newline).trim();
      this.stdoutBuffer = this.stdoutBuffer.slice(newline + 1);
      if (line) this.onLine(line);
      if (this.deadReason) return;
    }
  }

  private onLine(line: string): void {
    const shown = JSON.stringify(line.slice(0, 200));
    let answer: unknown;
    try {
      answer = JSON.parse(line);
    } catch {
      this.fail(new EnvError('protocol', `${this.label} wrote a line that is not JSON on stdout (only answers may go there; prints belong on stderr): ${shown}`));
      return;
    }
    const pending = this.pending;
    const record = answer && typeof answer === 'object' ? (answer as Record<string, unknown>) : null;
    if (!record || !pending || record.id !== pending.id) {
      const expected = pending ? `answer id ${pending.id} ('${pending.op}')` : 'no answer (no call in flight)';
      this.fail(new EnvError('protocol', `${this.label} answered with id ${JSON.stringify(record?.id)} but Hearth expected ${expected}: ${shown}`));
      return;
    }
    if (record.ok === true && record.result && typeof record.result === 'object') {
      this.settle(pending).resolve(record.result);
      return;
    }
    const error = record.error as { kind?: unknown; message?: unknown } | undefined;
    if (record.ok === false && error && typeof error.message === 'string') {
      const kind = ERROR_KINDS.includes(error.kind as EnvErrorKind) ? (error.kind as EnvErrorKind) : 'crashed';
      this.settle(pending).reject(new EnvError(kind, `${this.label} '${pending.op}': ${error.message}`));
      return;
    }
    this.fail(new EnvError('protocol', `${this.label} answered '${pending.op}' without {ok: true, result: {…}} or {ok: false, error: {kind, message}}: ${shown}`));
  }

  private settle(pending: PendingCall): PendingCall {
    clearTimeout(pending.timer);
    this.pending = null;
    return pending;
  }

  /** The bridge is dead: kill its group and, once the process is gone, fail the call in flight with `error`. */
  private fail(error: EnvError): void {
    if (!this.deadReason) this.deadReason = error;
    if (this.child.pid !== undefined) killGroup(this.child.pid);
    if (!this.pending) return;
    const pending = this.settle(this.pending);
    void this.waitForExit(2_000).then(() => pending.reject(error));
  }

  private exitText(): string {
    return this.exitSignal ? `killed by ${this.exitSignal}` : `exit code ${this.exitCode}`;
  }

  private stderrText(): string {
    const tail = this.stderrTail.trim();
    return tail ? `; its stderr ends with:\n${tail.slice(-1500)}` : '; it wrote nothing on stderr';
  }
}
