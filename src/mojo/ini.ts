/**
 * Reader for a MOJO's `model.ini`: an `[info]` section of `key = value` pairs, a `[columns]`
 * section (one column name per line, response last for supervised models) and a `[domains]`
 * section of `index: count file` lines pointing into `domains/`.
 */
import { MojoFormatError } from '../errors.ts';
import { splitLines } from './lines.ts';

export interface ParsedIni {
  /** Raw `[info]` values, untouched (typed access goes through ModelInfo). */
  info: Map<string, string>;
  columns: string[];
  /** Column index → domain file reference. */
  domains: Map<number, { count: number; file: string }>;
}

export function parseIni(text: string, origin = 'model.ini'): ParsedIni {
  const info = new Map<string, string>();
  const columns: string[] = [];
  const domains = new Map<number, { count: number; file: string }>();
  let section: 'none' | 'info' | 'columns' | 'domains' = 'none';
  let nColumns = -1;
  for (const raw of splitLines(text)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line === '[info]') section = 'info';
    else if (line === '[columns]') {
      const n = info.get('n_columns');
      if (n === undefined || !/^\d+$/.test(n)) throw new MojoFormatError(`${origin}: n_columns is missing or invalid`);
      nColumns = Number(n);
      section = 'columns';
    } else if (line === '[domains]') section = 'domains';
    else if (section === 'info') {
      const m = /^(.*?)\s*=\s*(.*)$/.exec(line);
      if (m === null) throw new MojoFormatError(`${origin}: malformed [info] line '${line}'`);
      info.set(m[1], m[2]);
    } else if (section === 'columns') {
      if (columns.length >= nColumns) throw new MojoFormatError(`${origin}: more columns than n_columns = ${nColumns}`);
      columns.push(line);
    } else if (section === 'domains') {
      const m = /^(\d+):\s*(\d+) (.+)$/.exec(line);
      if (m === null) throw new MojoFormatError(`${origin}: malformed [domains] line '${line}'`);
      domains.set(Number(m[1]), { count: Number(m[2]), file: m[3] });
    } else {
      throw new MojoFormatError(`${origin}: content outside any section: '${line}'`);
    }
  }
  if (nColumns >= 0 && columns.length !== nColumns) {
    throw new MojoFormatError(`${origin}: n_columns = ${nColumns} but ${columns.length} columns listed`);
  }
  return { info, columns, domains };
}
