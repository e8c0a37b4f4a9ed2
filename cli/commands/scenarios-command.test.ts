import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hearth } from '../testing/run-hearth.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-scenarios-'));

afterEach(() => vi.restoreAllMocks());

describe('hearth scenarios generate, list --suite, export-pddl', () => {
  it('generates one split of household-v1 as files that match the frozen manifest, and lists it', async () => {
    const out = path.join(dir, 'suite');
    const run = await hearth('scenarios', 'generate', '--suite', 'household-v1', '--split', 'test-unseen', '--out', out);
    expect(run.code).toBe(0);
    expect(run.out).toContain('every file matches the frozen household-v1 manifest');
    expect(fs.readdirSync(path.join(out, 'test-unseen'))).toHaveLength(60);
    const listed = await hearth('scenarios', 'list', '--suite', 'household-v1', '--split', 'test-unseen');
    expect(listed.out).toMatch(/60 member\(s\) of household-v1 .*train 120, test-seen 60, test-unseen 60/);
    const files = await hearth('scenarios', 'list', out);
    expect(files.out).toMatch(/\n60 scenario\(s\)$/);
  });

  it('says what is wrong with a bad suite, split or seed, and exits 1', async () => {
    expect((await hearth('scenarios', 'generate', '--suite', 'household-v9', '--out', dir)).err).toMatch(/unknown suite 'household-v9'; known suites: household-v1/);
    expect((await hearth('scenarios', 'generate', '--suite', 'household-v1', '--split', 'dev', '--out', dir)).err).toMatch(/unknown split 'dev'; splits: train, test-seen, test-unseen/);
    const seed = await hearth('scenarios', 'generate', '--suite', 'household-v1', '--seed', '-3', '--out', dir);
    expect(seed.code).toBe(1);
    expect(seed.err).toMatch(/--seed must be a whole number/);
  });

  it('exports PDDL, and fails cleanly (no hang) when the output folder cannot be made', async () => {
    const out = path.join(dir, 'pddl');
    const ok = await hearth('scenarios', 'export-pddl', 'scenarios/library/heat-mug-kitchen.json', '--out', out);
    expect(ok.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'domain.pddl'), 'utf8')).toContain('(:requirements :strips :typing)');
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const bad = await hearth('scenarios', 'export-pddl', 'scenarios/library/heat-mug-kitchen.json', '--out', path.join(blocker, 'sub'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/cannot write to .*a-file\/sub: ENOTDIR \(.*a-file is a file, not a folder\); choose another --out/);
  });
});

describe('usage errors are caught before any work, with exit 2 and a message', () => {
  const blocker = path.join(dir, 'blocker-file');
  fs.writeFileSync(blocker, '');
  const generate = ['scenarios', 'generate', '--suite', 'household-v1', '--split', 'test-unseen'];
  const usage: [name: string, args: string[], message: RegExp][] = [
    ['an empty --seed', [...generate, '--seed', '', '--out', path.join(dir, 'empty-seed')], /option '--seed' got an empty value; give it a value or leave it out/],
    ['an empty --out', [...generate, '--out', ''], /option '--out' got an empty value/],
    ['an empty --seed on run', ['run', 'scenarios/library/heat-mug-kitchen.json', '--seed', ''], /option '--seed' got an empty value/],
    ['an --out under a regular file (before generating anything)', [...generate, '--out', path.join(blocker, 'suite')], /cannot write to .*blocker-file\/suite: ENOTDIR \(.*blocker-file is a file, not a folder\)/],
    ['an empty file argument to validate', ['scenarios', 'validate', 'scenarios/library', ''], /argument 'files' of hearth scenarios validate got an empty value \(''\); give it a value/],
    ['an empty trace file (blank)', ['trace', 'show', ' '], /argument 'file' of hearth trace show got an empty value \(' '\)/],
    ['--split without --suite in list', ['scenarios', 'list', 'scenarios/library', '--split', 'train'], /--split train needs --suite/],
    ['--help after a command that does not exist', ['scenarios', 'lst', '--help'], /unknown command 'lst' of hearth scenarios — did you mean 'list'\?/],
    ['--help after an unknown top-level command', ['evolv', '--help'], /unknown command 'evolv' of hearth — did you mean 'evolve'\?/],
    ['--help after an unknown bench subcommand', ['bench', 'mege', '--help'], /unknown command 'mege' of hearth bench — did you mean 'merge'\?/],
  ];
  it.each(usage)('refuses %s', async (_name, args, message) => {
    const started = performance.now();
    const run = await hearth(...args);
    expect(run.err).toMatch(message);
    expect(run.code).toBe(2);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(fs.existsSync(path.join(blocker, 'suite'))).toBe(false);
  });

  it('still shows help for real commands (exit 0)', async () => {
    for (const [args, usageLine] of [[['--help'], 'Usage: hearth [options] [command]'], [['run', '--help'], 'Usage: hearth run [options] <scenario>'], [['bench', 'merge', '--help'], 'Usage: hearth bench merge'], [['scenarios', '--help'], 'Usage: hearth scenarios']] as const) {
      const written: string[] = [];
      // hearth() restores every mock when it returns: spy again for each run.
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
      const run = await hearth(...args);
      vi.restoreAllMocks();
      expect(run.code).toBe(0);
      expect(written.join('')).toContain(usageLine);
    }
  });

  it('lists a missing folder as an error (exit 1), not as 0 scenarios', async () => {
    const run = await hearth('scenarios', 'list', path.join(dir, 'no-such-folder'));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/cannot list .*no-such-folder: ENOENT \(no such folder\)/);
    expect(run.out).not.toMatch(/0 scenario/);
  });
});

describe('hearth scenarios validate on any input: exit 0 or 1, readable messages, never a stack trace', () => {
  const library = path.resolve('scenarios/library/pick-apple-countertop.json');
  const valid = fs.readFileSync(library, 'utf8');
  const inputs = path.join(dir, 'inputs');
  fs.mkdirSync(inputs, { recursive: true });
  const write = (name: string, content: string | Buffer): string => {
    const file = path.join(inputs, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const deepGoal = (depth: number): string => {
    const scenario = JSON.parse(valid);
    let tree = scenario.goal.tree;
    for (let i = 0; i < depth; i++) tree = { type: 'all-of', goals: [tree] };
    scenario.goal.tree = tree;
    return JSON.stringify(scenario);
  };
  /** Runs validate and checks what every run must show. */
  async function validate(...args: string[]) {
    const started = performance.now();
    const run = await hearth('scenarios', 'validate', ...args);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect([0, 1]).toContain(run.code);
    expect(`${run.out}\n${run.err}`).not.toMatch(/RangeError|TypeError|\n\s+at .+:\d+:\d+/);
    expect(run.out).toMatch(/\d+ valid, \d+ invalid/);
    return run;
  }

  it('a goal nested 1,000 deep gets one clear error, and the batch goes on to its summary', async () => {
    const deep = write('deep.json', deepGoal(1000));
    const ok = write('ok.json', valid);
    const run = await validate(deep, ok);
    expect(run.code).toBe(1);
    expect(run.out).toContain('the goal tree nests deeper than 32 levels');
    expect(run.out).toContain(`ok    ${ok}`);
    expect(run.out).toMatch(/1 valid, 1 invalid/);
    expect(run.out).toContain('run `hearth scenarios solve FILE` to check that a goal can be reached');
  });

  it('refuses what is too big, binary, or not a regular file (/dev/zero, a FIFO) without reading it all or blocking', async () => {
    const huge = write('huge.json', `{"title": "${'x'.repeat(2.5 * 1024 * 1024)}"}`);
    const binary = write('binary.json', Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x12, 0x00, 0x7d]));
    const noise = write('noise.json', `{${'"a": 1 '.repeat(150_000)}`); // 1 MB, a syntax error every 7 bytes
    const files = [huge, binary, noise];
    if (fs.existsSync('/dev/zero')) files.push('/dev/zero');
    if (process.platform !== 'win32') {
      const fifo = path.join(inputs, 'fifo.json');
      if (!fs.existsSync(fifo)) execFileSync('mkfifo', [fifo]);
      files.push(fifo);
    }
    const rss = process.memoryUsage().rss;
    const run = await validate(...files);
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/huge\.json \(root\): the file is 2\.5 MB; a scenario file may be at most 2\.0 MB/);
    expect(run.out).toMatch(/binary\.json \(root\): this is not a text file \(a NUL byte at byte 1\)/);
    expect(run.out).toMatch(/noise\.json:1:\d+ \(root\): JSON syntax error/);
    expect(run.out).toMatch(/… and \d+ more problems/);
    if (files.includes('/dev/zero')) expect(run.out).toContain('/dev/zero (root): this is a character device, not a scenario file');
    if (process.platform !== 'win32') expect(run.out).toContain('this is a named pipe (FIFO), not a scenario file');
    expect(run.out).toMatch(new RegExp(`0 valid, ${files.length} invalid`));
  });

  it('takes a folder, the current one too (by "." or its full path), and checks a file named twice once', async () => {
    const folder = path.join(dir, 'folder');
    fs.mkdirSync(path.join(folder, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'a.json'), valid);
    fs.writeFileSync(path.join(folder, 'sub', 'b.json'), valid);
    fs.writeFileSync(path.join(folder, 'manifest.json'), '{}');
    const cwd = process.cwd();
    process.chdir(folder);
    try {
      for (const name of ['.', folder, `${folder}/`]) {
        const run = await validate(name);
        expect(run.code).toBe(0);
        expect(run.out).toMatch(/2 valid, 0 invalid/);
      }
      const globbed = await validate('*.json');
      expect(globbed.code).toBe(0);
      expect(globbed.out).toContain('note: skipped manifest.json (a suite manifest, not a scenario)');
      expect(globbed.out).toMatch(/1 valid, 0 invalid/);
      const onlySkipped = await validate('manifest*.json');
      expect(onlySkipped.code).toBe(1);
      expect(onlySkipped.out).toContain('note: skipped manifest.json (a suite manifest, not a scenario)');
      expect(onlySkipped.err).toMatch(/nothing was validated: every file named was skipped \(1 schema or manifest file, not scenarios\)/);
      const twice = await validate('./a.json', 'a.json', path.join(folder, 'a.json'), 'a*.json');
      expect(twice.out.match(/^ok /gm)).toHaveLength(1);
      expect(twice.out).toMatch(/1 valid, 0 invalid/);
      const missing = await validate('nothing-*.json', 'gone.json');
      expect(missing.code).toBe(1);
      expect(missing.out).toContain('nothing-*.json: no files match it');
      expect(missing.out).toMatch(/gone\.json \(root\): cannot read the file: ENOENT/);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('hearth scenarios solve has a budget a user can see', () => {
  const scenario = 'scenarios/library/heat-egg-four-rooms.json';

  it('gives up with a message distinct from unsolvable, saying how to raise the budget', async () => {
    const run = await hearth('scenarios', 'solve', scenario, '--max-states', '50');
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/gave up after 50 states \(\d+\.\d s\): the state budget ran out, so nothing is proven either way; raise --max-states\/--max-seconds/);
    expect(run.out).not.toMatch(/unsolvable/);
    const json = await hearth('scenarios', 'solve', scenario, '--max-states', '50', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ outcome: 'gave-up', budget: 'states', states: 50 });
    const solved = await hearth('scenarios', 'solve', scenario);
    expect(solved.code).toBe(0);
    expect(solved.out).toMatch(/solved in 7 steps/);
  });

  it('refuses a budget that is not a positive number (exit 2)', async () => {
    for (const [option, value] of [['--max-states', '0'], ['--max-states', '1.5'], ['--max-seconds', 'soon']]) {
      const run = await hearth('scenarios', 'solve', scenario, option!, value!);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(new RegExp(`${option} must be a (whole )?number > 0, got '${value}'`));
    }
  });

  it('shows its progress on a terminal', async () => {
    const writes: string[] = [];
    const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => writes.push(String(chunk)) > 0);
    try {
      await hearth('scenarios', 'solve', scenario); // 115 states expanded: a report every 64 (and every 0.25 s)
    } finally {
      write.mockRestore();
      if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
      else delete (process.stderr as { isTTY?: boolean }).isTTY;
    }
    expect(writes.join('')).toMatch(/searching: plans of \d+ steps, [\d,]+ states, \d+\.\d s/);
  });
});
