/** Locates the golden fixtures beside the project (../shared/fixtures) and reads their files. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// import.meta.url rather than Bun's import.meta.dir: test/node bundles this file for plain node.
export const FIXTURES_DIR = fileURLToPath(new URL('../../../shared/fixtures', import.meta.url));
export const HAVE_FIXTURES = existsSync(join(FIXTURES_DIR, 'INDEX.md'));
export const NO_FIXTURES_MESSAGE = `golden fixtures not found at ${FIXTURES_DIR} — skipping parity cases (they need ../shared beside the project root)`;

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

export function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
