/**
 * Confines model urls to the model root: the url (absolute, or relative to the root) must not
 * contain `..` segments, and its real path (symlinks resolved) must lie inside the root's.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import { ModelPathForbiddenError, ModelUrlNotFoundError } from './errors.ts';

/** The real path of `url` after checking that it stays inside `root`. */
export async function resolveInsideRoot(root: string, url: string): Promise<string> {
  if (url.split(/[\\/]/).includes('..')) throw new ModelPathForbiddenError(url);
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    throw new ModelUrlNotFoundError(url, 'the model root (MULTI_MODEL_ROOT) does not exist');
  }
  let real: string;
  try {
    real = await realpath(isAbsolute(url) ? url : join(realRoot, url));
  } catch {
    throw new ModelUrlNotFoundError(url, 'no such file or folder');
  }
  if (!isInside(realRoot, real)) throw new ModelPathForbiddenError(url);
  return real;
}

/** `path` is `root` itself or below it (both real, absolute paths). */
export function isInside(root: string, path: string): boolean {
  if (path === root) return true;
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}
