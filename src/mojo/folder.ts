/**
 * A MOJO unpacked into a folder. The folder is walked once with lstat (names and sizes only);
 * files are read when asked for. Symbolic links are never followed: a model folder must not
 * reach outside itself, so asking for an entry that is (or sits under) a link is refused.
 */
import { MojoFormatError } from '../errors.ts';
import { hostFs, hostPath } from './host.ts';
import type { LoadBudget } from './limits.ts';

export interface FolderListing {
  /** Regular files: entry name ('/'-separated, relative to the folder) → size in bytes. */
  readonly files: Map<string, number>;
  /** Entry names that are symbolic links (files or folders), never followed. */
  readonly links: Set<string>;
}

/** Lists a folder without following links. */
export function listFolder(dir: string): FolderListing {
  const { lstatSync, readdirSync } = hostFs();
  const { join } = hostPath();
  const files = new Map<string, number>();
  const links = new Set<string>();
  const walk = (abs: string, rel: string): void => {
    for (const d of readdirSync(abs, { withFileTypes: true })) {
      const name = rel === '' ? d.name : `${rel}/${d.name}`;
      if (d.isSymbolicLink()) links.add(name);
      else if (d.isDirectory()) walk(join(abs, d.name), name);
      else if (d.isFile()) files.set(name, lstatSync(join(abs, d.name)).size);
    }
  };
  walk(dir, '');
  return { files, links };
}

/** The link `name` is, or sits under, if any. */
export function linkOf(listing: FolderListing, name: string): string | undefined {
  if (listing.links.has(name)) return name;
  for (let i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
    const dir = name.slice(0, i);
    if (listing.links.has(dir)) return dir;
  }
  return undefined;
}

/** Reads one file of the folder (never through a link), within `budget`. */
export function readFolderFile(dir: string, name: string, budget: LoadBudget, origin: string): Uint8Array {
  const { closeSync, constants, fstatSync, openSync, readSync } = hostFs();
  const { join } = hostPath();
  let fd: number;
  try {
    fd = openSync(join(dir, ...name.split('/')), constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (cause) {
    throw new MojoFormatError(`${origin}: entry '${name}' cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause,
    });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new MojoFormatError(`${origin}: entry '${name}' is not a regular file`);
    budget.reserve(name, st.size);
    const out = new Uint8Array(st.size);
    let at = 0;
    while (at < out.length) {
      const n = readSync(fd, out, at, out.length - at, at);
      if (n === 0) throw new MojoFormatError(`${origin}: entry '${name}' shrank while being read`);
      at += n;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
