/**
 * Error bodies name no path of the server. The folders a server reads models from (the model
 * root of the multi-model endpoint, the served model's folder) are registered here, and the one
 * error mapper (errors.ts) rewrites every error text a client sees relative to them: a client
 * reads "no MOJO found in abc/model" or "model.zip: …", not where the server keeps its files.
 * Logs keep the full paths.
 */
import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';

/** Hidden folder (absolute, and its real path) → how the folder itself is shown. */
const hidden = new Map<string, string>();
/** The hidden folders, longest first (one may be a prefix of another). */
let ordered: string[] = [];

/** Error texts from now on show `folder` (as given and as its real path) as `shownAs`, and paths below it relative to it. */
export function hideServerPath(folder: string, shownAs: string): void {
  const forms = [resolve(folder)];
  try {
    forms.push(realpathSync(folder));
  } catch {
    // A folder that does not exist (yet) is only ever named as given.
  }
  for (const f of forms) if (f !== sep) hidden.set(f, shownAs);
  ordered = [...hidden.keys()].sort((a, b) => b.length - a.length);
}

/** `text` with every hidden folder taken out (see hideServerPath). */
export function withoutServerPaths(text: string): string {
  let out = text;
  for (const folder of ordered) {
    if (!out.includes(folder)) continue;
    out = out.replaceAll(`${folder}${sep}`, '').replaceAll(folder, hidden.get(folder)!);
  }
  return out;
}
