/**
 * Query-string parsing for the hot GET route. `new URL(url).searchParams` allocates a URL and
 * a URLSearchParams per request; this walks the string once and decodes only the parts that
 * need it (`+` or `%`). Same semantics as URLSearchParams (application/x-www-form-urlencoded).
 */

function decodePart(s: string): string {
  if (s.indexOf('+') < 0 && s.indexOf('%') < 0) return s;
  const plus = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    // Malformed escapes: fall back to the lenient WHATWG decoder.
    return new URLSearchParams(`a=${s}`).get('a') ?? plus;
  }
}

/** Calls `visit(key, value)` for each pair of the URL's query, in order. */
export function forEachQueryPair(url: string, visit: (key: string, value: string) => void): void {
  const keys: string[] = [];
  const values: string[] = [];
  const n = splitQuery(url, keys, values);
  for (let i = 0; i < n; i++) visit(keys[i], values[i]);
}

/** Splits the URL's query into reusable key/value arrays; returns the pair count. */
export function splitQuery(url: string, keys: string[], values: string[]): number {
  const q = url.indexOf('?');
  if (q < 0) return 0;
  let end = url.indexOf('#', q);
  if (end < 0) end = url.length;
  let n = 0;
  let start = q + 1;
  while (start < end) {
    let amp = url.indexOf('&', start);
    if (amp < 0 || amp > end) amp = end;
    if (amp > start) {
      const eq = url.indexOf('=', start);
      if (eq >= 0 && eq < amp) {
        keys[n] = decodePart(url.slice(start, eq));
        values[n] = decodePart(url.slice(eq + 1, amp));
      } else {
        keys[n] = decodePart(url.slice(start, amp));
        values[n] = '';
      }
      n++;
    }
    start = amp + 1;
  }
  return n;
}

/** A query value by name (first occurrence), or null. */
export function queryValue(url: string, name: string): string | null {
  let found: string | null = null;
  forEachQueryPair(url, (k, v) => {
    if (found === null && k === name) found = v;
  });
  return found;
}
