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
/** The hidden folders, longest first (one may be a prefix of another), each with its whole-name pattern. */
let ordered: { folder: string; alone: RegExp; shownAs: string }[] = [];

/** `folder` as a whole name: not the start of a longer one ("/opt/ml/model" in "/opt/ml/models"). */
function wholeName(folder: string): RegExp {
  return new RegExp(`${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![^\\s'"),;:])`, 'g');
}

/** Error texts from now on show `folder` (as given and as its real path) as `shownAs`, and paths below it relative to it. */
export function hideServerPath(folder: string, shownAs: string): void {
  const forms = [resolve(folder)];
  try {
    forms.push(realpathSync(folder));
  } catch {
    // A folder that does not exist (yet) is only ever named as given.
  }
  for (const f of forms) if (f !== sep) hidden.set(f, shownAs);
  ordered = [...hidden.entries()]
    .sort(([a], [b]) => b.length - a.length)
    .map(([folder, label]) => ({ folder, alone: wholeName(folder), shownAs: label }));
}

/** `text` with every hidden folder taken out (see hideServerPath). */
export function withoutServerPaths(text: string): string {
  let out = text;
  for (const { folder, alone, shownAs } of ordered) {
    if (!out.includes(folder)) continue;
    out = out.replaceAll(`${folder}${sep}`, '').replace(alone, shownAs);
  }
  return out;
}
