/** The command line as a user runs it: `bun src/cli.ts score|inspect` on the demo model. */
import { describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODEL_PATH } from '../../src/demo/index.ts';
import { decodeModel } from '../../src/algos/index.ts';
import { REPO_ROOT } from '../support/fixtures.ts';

function run(args: string[], opts: { env?: Record<string, string>; stdin?: Uint8Array } = {}): { code: number; out: string; err: string } {
  const p = Bun.spawnSync([process.execPath, 'src/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdin: opts.stdin ?? 'ignore',
    timeout: 60_000,
  });
  return { code: p.exitCode ?? -1, out: p.stdout.toString(), err: p.stderr.toString() };
}

/** An error as the CLI must report it: one line, the expected code, no stack, no runtime internals. */
function expectOneLineError(r: { code: number; err: string }, code: string, exit = 1): void {
  expect(r.err).toStartWith(`mojo-scorer: [${code}] `);
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.trim().split('\n').length).toBe(1);
  expect(r.err).not.toMatch(/\bat \S+ \(|internal:|node_modules/);
  expect(r.code).toBe(exit);
}

/** A CSV of demo rows: first all missing, then the model's own example levels and numbers. */
function demoCsv(): string {
  const model = decodeModel(DEMO_MODEL_PATH);
  const names = model.inputs.map((c) => c.name);
  const rows = [names.map(() => '')];
  for (let i = 0; i < 5; i++) rows.push(model.inputs.map((c) => (c.domain ? c.domain[i % c.domain.length] : String(i * 7 + 1))));
  rows.push(model.inputs.map((c) => (c.domain ? 'never-seen-level' : 'abc')));
  const dir = mkdtempSync(join(tmpdir(), 'cli-'));
  const file = join(dir, 'rows.csv');
  writeFileSync(file, `${[names, ...rows.slice(0)].map((r) => r.join(',')).join('\n')}\n`);
  return file;
}

describe('cli', () => {
  const input = demoCsv();

  test('score --format jsonl: one record per row, same order, reference column names', () => {
    const r = run(['score', '--model', DEMO_MODEL_PATH, '--input', input, '--format', 'jsonl']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const recs = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs.length).toBe(7);
    const model = decodeModel(DEMO_MODEL_PATH);
    expect(Object.keys(recs[0])).toEqual(model.outputs.map((o) => o.name));
    for (const rec of recs) expect(typeof rec.predict).toBe('string');
    // lenient by default: "abc" and an unseen level score like missing values
    expect(recs[6]).toEqual(recs[0]);
  });

  test('score: stderr stays empty when not a terminal; --progress adds the summary; --quiet silences it', () => {
    const args = ['score', '--model', DEMO_MODEL_PATH, '--input', input, '--format', 'csv'];
    const plain = run(args);
    expect(plain.err).toBe('');
    const withSummary = run([...args, '--progress']);
    expect(withSummary.out).toBe(plain.out);
    expect(withSummary.err).toMatch(/^scored 7 rows, 0 errors, \d+\.\d\d s\n$/);
    expect(run([...args, '--progress', '--quiet']).err).toBe('');
  });

  test('score --format csv writes a header and the same numbers', () => {
    const j = run(['score', '--model', DEMO_MODEL_PATH, '--input', input])
      .out.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const c = run(['score', '--model', DEMO_MODEL_PATH, '--input', input, '--format', 'csv']).out.trim().split('\n');
    expect(c.length).toBe(8);
    const header = c[0].split(',');
    expect(header.slice(0, -1)).toEqual(Object.keys(j[0]));
    expect(header[header.length - 1]).toBe('error');
    const second = c[2].split(',');
    expect(Number(second[1])).toBe(j[1][header[1]] as number);
  });

  test('score --strict turns an unparsable number into an error exit naming the column', () => {
    const r = run(['score', '--model', DEMO_MODEL_PATH, '--input', input, '--strict']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('INVALID_VALUE');
    expect(r.err).toContain('is not a number');
  });

  test('inspect --json describes inputs and outputs', () => {
    const r = run(['inspect', '--model', DEMO_MODEL_PATH, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out) as { algorithm: string; inputs: { type: string }[]; outputs: { name: string }[] };
    expect(d.algorithm).toBe('gbm');
    expect(d.inputs.some((c) => c.type === 'categorical')).toBe(true);
    expect(d.outputs[0].name).toBe('predict');
    const text = run(['inspect', '--model', DEMO_MODEL_PATH]);
    expect(text.out).toContain('algorithm     gbm');
  });

  test('errors are clear and exit non-zero', () => {
    expect(run(['score', '--model', DEMO_MODEL_PATH]).code).toBe(2);
    const missing = run(['inspect', '--model', join(tmpdir(), 'no-such-model.zip')]);
    expectOneLineError(missing, 'MOJO_NOT_FOUND');
    expectOneLineError(run(['frobnicate']), 'INVALID_ARGUMENT', 2);
    expectOneLineError(run([]), 'INVALID_ARGUMENT', 2);
  });

  test('score --workers takes 1 to 256 threads', () => {
    for (const bad of ['0', '-1', 'two', '1.5', '257', '']) {
      const r = run(['score', '--model', DEMO_MODEL_PATH, '--input', input, `--workers=${bad}`]);
      expectOneLineError(r, 'INVALID_ARGUMENT', 2);
    }
    const r = run(['score', '--model', DEMO_MODEL_PATH, '--input', input, '--workers', '3']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').length).toBe(7);
  });

  const FLAGS: Record<string, string[]> = {
    serve: ['--model', '--port', '--help'],
    score: [
      '--model',
      '--input',
      '--format',
      '--strict',
      '--contributions',
      '--leaf',
      '--extra',
      '--workers',
      '--progress',
      '--quiet',
      '--help',
    ],
    inspect: ['--model', '--json', '--help'],
  };
  for (const [command, flags] of Object.entries(FLAGS)) {
    test(`${command} --help / -h / help ${command}: usage with every option, exit 0`, () => {
      for (const args of [
        [command, '--help'],
        [command, '-h'],
        ['help', command],
      ]) {
        const r = run(args);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        expect(r.out).toContain(`usage: mojo-scorer ${command}`);
        for (const f of flags) expect(r.out).toContain(f);
      }
    });
    test(`${command} with an unknown flag: one line, exit 2`, () => {
      const r = run([command, '--model', DEMO_MODEL_PATH, '--frobnicate']);
      expectOneLineError(r, 'INVALID_ARGUMENT', 2);
      expect(r.err).toContain('--frobnicate');
    });
  }

  test('--version prints the package version, exit 0', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V', 'version']) {
      const r = run([flag]);
      expect([r.code, r.out, r.err]).toEqual([0, `mojo-scorer ${version}\n`, '']);
    }
  });

  test('help texts name only what exists: Swagger at /swagger, score threads (no worker processes, no 8 MB switch)', () => {
    const serve = run(['serve', '--help']).out;
    expect(serve).toContain('/swagger');
    expect(serve).not.toContain('/docs');
    const score = run(['score', '--help']).out;
    expect(score).not.toContain('process');
    expect(score).toContain('threads');
    expect(score).not.toContain('8 MB');
    expect(score).toContain('MOJO_SCORER_WORKERS_AFTER_MS');
  });

  test('top-level --help and help list the commands', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = run(args);
      expect(r.code).toBe(0);
      for (const c of ['serve', 'score', 'inspect']) expect(r.out).toContain(c);
    }
  });

  test('a missing --input file: one line naming it', () => {
    const file = join(tmpdir(), 'no-such-input.csv');
    const r = run(['score', '--model', DEMO_MODEL_PATH, '--input', file]);
    expectOneLineError(r, 'INVALID_ARGUMENT');
    expect(r.err).toContain(file);
  });

  test('a binary file as CSV: one line, BAD_REQUEST', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'binary.csv');
    writeFileSync(file, new Uint8Array([0x50, 0x4b, 0x03, 0x22, 0x00, 0x01, 0x0a, 0x22, 0xff, 0xfe, 0x0d, 0x0a, 0x07]));
    expectOneLineError(run(['score', '--model', DEMO_MODEL_PATH, '--input', file]), 'BAD_REQUEST');
  });

  test('--input - reads stdin', () => {
    const fromFile = run(['score', '--model', DEMO_MODEL_PATH, '--input', input]);
    const fromStdin = run(['score', '--model', DEMO_MODEL_PATH, '--input', '-'], { stdin: readFileSync(input) });
    expect(fromStdin.err).toBe('');
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.out).toBe(fromFile.out);
  });

  test('CR (old Mac) and CRLF line ends score as LF ones', () => {
    const lf = run(['score', '--model', DEMO_MODEL_PATH, '--input', input]);
    const text = readFileSync(input, 'utf8');
    for (const eol of ['\r', '\r\n']) {
      const r = run(['score', '--model', DEMO_MODEL_PATH, '--input', '-'], { stdin: Buffer.from(text.replaceAll('\n', eol)) });
      expect(r.err).toBe('');
      expect(r.out).toBe(lf.out);
    }
  });

  test('serve --port abc and PORT=abc: one line', () => {
    expectOneLineError(run(['serve', '--model', DEMO_MODEL_PATH, '--port', 'abc']), 'INVALID_ARGUMENT', 2);
    expectOneLineError(run(['serve', '--model', DEMO_MODEL_PATH, '--port', '70000']), 'INVALID_ARGUMENT', 2);
    const env = run(['serve', '--model', DEMO_MODEL_PATH], { env: { PORT: 'abc', SAGEMAKER_BIND_TO_PORT: '' } });
    expect(env.code).toBe(1);
    expect(env.err.trim().split('\n')).toEqual(["mojo-scorer: [CONFIGURATION] invalid port 'abc'"]);
  });

  test('bad boolean and numeric settings stop serve with one CONFIGURATION line (issue 18 #12, #20)', () => {
    const cases: Record<string, string>[] = [
      { LENIENT_NUMBERS: 'maybe' },
      { METRICS: 'maybe' },
      { SAGEMAKER_MODEL_SERVER_WORKERS: '100000' },
      { SAGEMAKER_MULTI_MODEL: 'true', MULTI_MODEL_MEMORY_MB: 'abc' },
    ];
    for (const env of cases) {
      const r = run(['serve', '--model', DEMO_MODEL_PATH, '--port', '0'], { env });
      expectOneLineError(r, 'CONFIGURATION');
      expect(r.err).toContain(Object.keys(env).at(-1)!);
    }
  });

  test('a bad model with two workers is reported once, in one line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cli-')), 'model.zip');
    writeFileSync(file, 'not a zip');
    const port = String(20000 + Math.floor(Math.random() * 30000));
    const r = run(['serve', '--model', file, '--port', port], { env: { SAGEMAKER_MODEL_SERVER_WORKERS: '2' } });
    expectOneLineError(r, 'MOJO_FORMAT');
  });
});
