/**
 * The library's core (src/mojo, src/algos, src/scoring, src/lib, src/errors.ts) runs in every
 * JavaScript runtime: no Node- or Bun-only API outside comments. Files are read through
 * `process.getBuiltinModule` (src/mojo/host.ts) only when a caller opens a path.
 */
import { expect, test } from 'bun:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(import.meta.dir, '../../src');
const CORE = ['mojo', 'algos', 'scoring', 'lib', 'page', 'errors.ts'];
// `import type` is erased at build time, so it may name node's types.
const FORBIDDEN = [
  /^(?!\s*import type).*from ['"](node|bun):/,
  /\bBun\./,
  /\bprocess\./,
  /\bBuffer\b/,
  /\brequire\(/,
  /import\.meta\.dir\b/,
];

function files(p: string): string[] {
  if (statSync(p).isDirectory()) return readdirSync(p).flatMap((n) => files(join(p, n)));
  return p.endsWith('.ts') ? [p] : [];
}

test('no Node- or Bun-only API in the core', () => {
  const hits: string[] = [];
  for (const file of CORE.flatMap((c) => files(join(SRC, c)))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      if (/^\s*(\*|\/\*)/.test(code)) return;
      for (const re of FORBIDDEN) if (re.test(code)) hits.push(`${relative(SRC, file)}:${i + 1}: ${line.trim()}`);
    });
  }
  expect(hits).toEqual([]);
});
