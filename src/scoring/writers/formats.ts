/** The output formats and styles every writer speaks, shared by the CLI and the server. */

/** Body formats: JSON (one object or an array), CSV, JSON Lines. */
export type OutputFormat = 'json' | 'csv' | 'jsonl';

/** `record`: h2o-genmodel's output columns; `compat`: the original Java scorer's shape. */
export const OUTPUT_STYLES = ['record', 'compat'] as const;
export type OutputStyle = (typeof OUTPUT_STYLES)[number];

export function isOutputStyle(s: string): s is OutputStyle {
  return (OUTPUT_STYLES as readonly string[]).includes(s);
}

/** The extra CSV column that carries a row's error message (empty for rows that scored). */
export const ERROR_COLUMN = 'error';
