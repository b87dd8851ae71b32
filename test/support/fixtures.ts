/**
 * The one place tests find the golden fixtures: `../shared/fixtures` beside the repository root
 * (the nearest folder above this file that holds package.json). Absent fixtures are not an error:
 * tests skip with NO_FIXTURES_MESSAGE.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `from` holding a package.json; undefined when there is none. */
export function findRepoRoot(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `../shared/fixtures` beside a repository root. */
export function fixturesBeside(repoRoot: string): string {
  return resolve(repoRoot, '../shared/fixtures');
}

// import.meta.url rather than Bun's import.meta.dir: test/node bundles this file for plain node
// (that bundle lives outside the repository, so test/node passes its own root to fixturesBeside).
const HERE = dirname(fileURLToPath(import.meta.url));

/** The repository this test tree belongs to. */
export const REPO_ROOT = findRepoRoot(HERE) ?? HERE;
export const FIXTURES_DIR = fixturesBeside(REPO_ROOT);
export const HAVE_FIXTURES = existsSync(join(FIXTURES_DIR, 'INDEX.md'));
export const NO_FIXTURES_MESSAGE = `golden fixtures not found at ${FIXTURES_DIR} — skipping parity cases (they need ../shared beside the repository root)`;

export interface Fixture {
  name: string;
  dir: string;
  model: string;
  input: string;
  meta: {
    edge_rows?: { row: number; java_parse_quirk?: boolean }[];
    java_parse_quirk_rows?: number[];
    reference?: { output_names?: string[]; algo?: string | null; category?: string };
  };
  /** Rows exempt from comparison (java_parse_quirk). */
  quirkRows: Set<number>;
  /** Extra reference outputs present: mode → file. */
  extras: Record<string, string>;
}

const EXTRA_FILES: Record<string, string> = {
  contrib: 'expected_contributions.jsonl',
  leaf: 'expected_leaf.jsonl',
  klime: 'expected_klime.jsonl',
  glrm_reconstruct: 'expected_glrm_reconstruct.jsonl',
};

/** Every fixture folder (with meta.json) under `root`, by name; empty when `root` is absent. */
export function listFixtures(root = FIXTURES_DIR): Fixture[] {
  if (!existsSync(join(root, 'INDEX.md'))) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'meta.json')))
    .map((d) => {
      const dir = join(root, d.name);
      const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Fixture['meta'];
      const quirkRows = new Set<number>(meta.java_parse_quirk_rows ?? []);
      for (const e of meta.edge_rows ?? []) if (JSON.stringify(e).includes('java_parse_quirk')) quirkRows.add(e.row);
      const extras: Record<string, string> = {};
      for (const [mode, file] of Object.entries(EXTRA_FILES)) if (existsSync(join(dir, file))) extras[mode] = join(dir, file);
      return { name: d.name, dir, model: join(dir, 'model.zip'), input: join(dir, 'input.csv'), meta, quirkRows, extras };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The records of a JSON-lines file. */
export function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** `../shared/dai-fixtures` beside the repository root: the Driverless AI pipeline.mojo cases. */
export const DAI_FIXTURES_DIR = resolve(REPO_ROOT, '../shared/dai-fixtures');
export const HAVE_DAI_FIXTURES = existsSync(join(DAI_FIXTURES_DIR, 'INDEX.md'));
export const NO_DAI_FIXTURES_MESSAGE = `Driverless AI fixtures not found at ${DAI_FIXTURES_DIR} — skipping MOJO2 cases (they need ../shared beside the repository root)`;
