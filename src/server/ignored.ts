/**
 * Unknown columns are ignored, not an error: they are listed in the X-Ignored-Columns response
 * header and logged once per process (a bounded set, so hostile keys cannot grow memory).
 */
import type { Logger } from './log.ts';

export const IGNORED_HEADER = 'x-ignored-columns';
const MAX_LOGGED = 1000;
const MAX_LISTED = 100;

/** Header value: names joined by ", ", anything outside printable ASCII (and commas) as \uXXXX. */
export function ignoredHeaderValue(names: Iterable<string>): string {
  let s = '';
  let n = 0;
  for (const name of names) {
    if (n === MAX_LISTED) {
      s += ', …';
      break;
    }
    const safe = name.replace(/[^\x20-\x7e]|,/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    s += (n === 0 ? '' : ', ') + safe;
    n++;
  }
  return s.replace('…', '...');
}

export class IgnoredColumns {
  private readonly logged = new Set<string>();

  constructor(private readonly log: Logger) {}

  /** Logs the names not logged before. */
  note(names: Set<string>): void {
    let fresh: string[] | undefined;
    for (const name of names) {
      if (this.logged.has(name) || this.logged.size >= MAX_LOGGED) continue;
      this.logged.add(name);
      (fresh ??= []).push(name);
    }
    if (fresh) this.log('warn', 'ignoring columns the model does not use', { columns: fresh });
  }
}
