/**
 * Error bodies of the multi-model endpoint name no path of the server: the model root (as
 * configured and as its real path) becomes a path relative to it, so a client reads
 * "no MOJO found in abc/model" rather than where the server keeps its models. Logs keep the
 * full paths.
 */
import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';

/** How the root itself is shown when a message names it. */
const ROOT_SHOWN_AS = '(model root)';

/** A function that rewrites text naming `root` (or its real path) relative to it. */
export function rootRedactor(root: string): (text: string) => string {
  const forms = new Set([resolve(root)]);
  try {
    forms.add(realpathSync(root));
  } catch {
    // A root that does not exist (yet) is only ever named as configured.
  }
  // Longest first: one form may be a prefix of another.
  const roots = [...forms].filter((r) => r !== sep).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const r of roots) {
      if (!out.includes(r)) continue;
      out = out.replaceAll(`${r}${sep}`, '').replaceAll(r, ROOT_SHOWN_AS);
    }
    return out;
  };
}
