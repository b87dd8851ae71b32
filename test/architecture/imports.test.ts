/**
 * The import rule of docs/ARCHITECTURE.md, enforced over src/: a module may import files of its
 * own folder and of the folders above it, but it enters any other folder only through that
 * folder's index.ts (so an algorithm reaches common/ through `../common/index.ts`, and the
 * scoring path reaches the evaluators through `algos/index.ts`). Type-only imports count too:
 * they are part of a folder's surface as much as values are.
 */
import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { REPO_ROOT } from '../support/fixtures.ts';

const SRC = join(REPO_ROOT, 'src');

/** Every .ts file below `dir`, as paths relative to src/ with forward slashes. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(e.name)) out.push(relative(SRC, p).split('\\').join('/'));
  }
  return out;
}

const SPECIFIER = /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative specifiers of one module, resolved to paths relative to src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2];
    // Modules of src/ only: package.json and other data files are not a folder's surface.
    if (!spec.startsWith('.') || !spec.endsWith('.ts')) continue;
    out.push(posix.normalize(posix.join(posix.dirname(file), spec)));
  }
  return out;
}

/**
 * Whether `importer` may import `target` directly: the target lies in the importer's folder or
 * one above it, or it is the index.ts of a folder directly inside such a folder.
 */
function allowed(importer: string, target: string): boolean {
  const from = posix
    .dirname(importer)
    .split('/')
    .filter((s) => s !== '.');
  const to = target.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const below = to.slice(common); // the target's path inside the shared folder
  return below.length === 1 || (below.length === 2 && below[1] === 'index.ts');
}

/**
 * The exceptions, and why: the Lambda handler scores through the server's Invoker, and is
 * bundled on its own, so it imports the Invoker's modules rather than server/index.ts, which
 * would bring the Elysia app (and prom-client) into every Lambda bundle. `serve` starts the
 * server through run.ts rather than server/index.ts, which would load the Elysia app (and the
 * decoder) into a primary that only spawns workers, before it spawns them.
 */
const EXCEPTIONS: ReadonlySet<string> = new Set([
  'cli.ts -> server/run.ts',
  'lib/lambda.ts -> server/errors.ts',
  'lib/lambda.ts -> server/invoke.ts',
  'lib/lambda.ts -> server/log.ts',
  'lib/lambda.ts -> server/options.ts',
]);

function violations(): string[] {
  const out: string[] = [];
  for (const file of sources(SRC)) {
    for (const target of importsOf(file)) {
      const edge = `${file} -> ${target}`;
      if (!allowed(file, target) && !EXCEPTIONS.has(edge)) out.push(edge);
    }
  }
  return out.sort();
}

describe('modules import other folders only through their index.ts', () => {
  const found = violations();

  test('the rule reads the tree (sanity: imports are found and judged)', () => {
    expect(importsOf('algos/load.ts').length).toBeGreaterThan(0);
    expect(allowed('algos/gbm/model.ts', 'algos/common/index.ts')).toBe(true);
    expect(allowed('algos/gbm/model.ts', 'algos/common/tree/index.ts')).toBe(false);
    expect(allowed('algos/gbm/model.ts', 'algos/model.ts')).toBe(true);
    expect(allowed('algos/gbm/model.ts', 'errors.ts')).toBe(true);
    expect(allowed('scoring/scorer.ts', 'algos/index.ts')).toBe(true);
    expect(allowed('scoring/scorer.ts', 'algos/model.ts')).toBe(false);
    expect(allowed('cli.ts', 'cli/score.ts')).toBe(false);
  });

  test('no module of src/ bypasses an index.ts', () => {
    expect(found).toEqual([]);
  });
});
