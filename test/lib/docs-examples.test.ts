/**
 * Every code snippet of README.md and docs/library.md is a file of docs/examples that
 * test/node/install.nodetest.mjs runs against the installed package: each fenced block of code
 * must sit under an `<!-- example: docs/examples/… -->` marker and be that file, character for
 * character, and every example must be quoted somewhere.
 */
import { describe, expect, test } from 'bun:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/fixtures.ts';

const DOCS = ['README.md', 'docs/library.md'];
/** Fences that hold code a reader runs (shell commands and the layout tree are the CLI's and the repository's). */
const CODE_LANGS = new Set(['js', 'mjs', 'cjs', 'ts', 'html', 'javascript', 'typescript']);
const FENCE = /(?:<!-- example: (\S+) -->\n)?```(\w*)\n([\s\S]*?)```/g;

interface Snippet {
  doc: string;
  lang: string;
  example: string | undefined;
  code: string;
}

function snippets(doc: string): Snippet[] {
  const text = readFileSync(join(REPO_ROOT, doc), 'utf8');
  return [...text.matchAll(FENCE)].map((m) => ({ doc, example: m[1], lang: m[2], code: m[3] }));
}

const all = DOCS.flatMap(snippets);

describe('documented snippets are tested files', () => {
  for (const s of all.filter((s) => CODE_LANGS.has(s.lang) || s.example !== undefined)) {
    test(`${s.doc}: ${s.example ?? `a ${s.lang} block without an example marker`}`, () => {
      expect(s.example).toBeDefined();
      const path = join(REPO_ROOT, s.example ?? '');
      expect(existsSync(path)).toBe(true);
      expect(s.code).toBe(readFileSync(path, 'utf8'));
    });
  }

  test('every file of docs/examples is quoted in the docs', () => {
    const quoted = new Set(all.map((s) => s.example));
    const files = readdirSync(join(REPO_ROOT, 'docs/examples')).map((f) => `docs/examples/${f}`);
    expect(files.filter((f) => !quoted.has(f))).toEqual([]);
  });
});
