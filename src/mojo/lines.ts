/** Splits text into lines the way java.io.BufferedReader.readLine does (\n, \r or \r\n; no trailing empty line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Inverse of H2O's escapeNewlines: "\\n" → newline, "\\r" → CR, "\\\\" → backslash, "\\x" → x. */
export function unescapeNewlines(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === undefined) break;
    out += n === 'n' ? '\n' : n === 'r' ? '\r' : n;
  }
  return out;
}
