/**
 * Unknown columns are ignored, not an error: they are listed in the X-Ignored-Columns response
 * header and logged once per process. Both are bounded whatever the request sends: names are
 * cut to what an error message may quote (echoed()), the header lists at most MAX_LISTED names
 * in at most MAX_HEADER_CHARS characters, and the process remembers at most MAX_LOGGED cut names.
 */
import { echoed } from '../errors.ts';
import type { Logger } from './log.ts';

export const IGNORED_HEADER = 'x-ignored-columns';
const MAX_LOGGED = 1000;
const MAX_LISTED = 100;
/** Well under the 8–16 KB many clients and proxies accept for all headers together. */
const MAX_HEADER_CHARS = 2048;
const MORE = ', ...';

/** Header value: names joined by ", ", anything outside printable ASCII (and commas) as \uXXXX. */
export function ignoredHeaderValue(names: Iterable<string>): string {
  let s = '';
  let n = 0;
  for (const name of names) {
    const safe = echoed(name)
      .replace('…', '...')
      .replace(/[^\x20-\x7e]|,/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const next = (n === 0 ? '' : ', ') + safe;
    if (n === MAX_LISTED || s.length + next.length + MORE.length > MAX_HEADER_CHARS) return s + (n === 0 ? '...' : MORE);
    s += next;
    n++;
  }
  return s;
}

export class IgnoredColumns {
  /** Names already logged, cut by echoed(): at most MAX_LOGGED of ~100 characters each. */
  private readonly logged = new Set<string>();

  constructor(private readonly log: Logger) {}

  /** Logs the names not logged before. */
  note(names: Set<string>): void {
    let fresh: string[] | undefined;
    for (const full of names) {
      if (this.logged.size >= MAX_LOGGED) break;
      const name = echoed(full);
      if (this.logged.has(name)) continue;
      this.logged.add(name);
      (fresh ??= []).push(name);
    }
    if (fresh) this.log('warn', 'ignoring columns the model does not use', { columns: fresh });
  }
}
