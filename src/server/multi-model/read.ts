/**
 * Reads a model artifact without blocking the event loop on I/O: `url` is a MOJO file (zip,
 * .mojo, model.tar.gz), a MOJO folder (model.ini), or a folder laid out like /opt/ml/model
 * holding exactly one of those. Symbolic links inside are refused (never followed out of the
 * root). Large zips inflate on a worker thread (inflate.ts); small ones, and the rare
 * model.tar.gz, on this one.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BadRequestError, echoed } from '../../errors.ts';
import { openMojoBytes, openMojoEntries, type MojoSource } from '../../mojo/index.ts';
import { ModelPathForbiddenError, ModelUrlNotFoundError } from './errors.ts';
import { INFLATE_IN_WORKER_MIN_BYTES, inflateZip } from './inflate.ts';

const MOJO_FILE = /\.(zip|mojo)$/i;
const TARBALL = /\.(tar\.gz|tgz)$/i;

/**
 * Opens the MOJO found at the real path `path` (inside the model root, already checked); zips of
 * `workerMinBytes` or more inflate on a worker thread.
 */
export async function readModelArtifact(path: string, workerMinBytes = INFLATE_IN_WORKER_MIN_BYTES): Promise<MojoSource> {
  const st = await stat(path);
  if (st.isFile()) return openBytes(await readFile(path), path, workerMinBytes);
  // A FIFO, socket or device: reading it could block forever, and it is never a model.
  if (!st.isDirectory()) throw new ModelUrlNotFoundError(path, 'not a file or a folder');
  const entries = await readdir(path, { withFileTypes: true });
  if (entries.some((e) => e.name === 'model.ini' && e.isFile())) return openMojoEntries(await readFolder(path), path);
  const found: Dirent[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isSymbolicLink()) throw new ModelPathForbiddenError(join(path, e.name));
    if (e.isFile() && (MOJO_FILE.test(e.name) || TARBALL.test(e.name))) found.push(e);
    else if (e.isDirectory() && (await hasModelIni(join(path, e.name)))) found.push(e);
  }
  // An extracted archive may leave the tarball next to its content: prefer the content.
  const content = found.filter((e) => !TARBALL.test(e.name));
  const pick = content.length > 0 ? content : found;
  // Both are the client's mistake in naming the url (404 / 400), not the server's.
  if (pick.length === 0)
    throw new ModelUrlNotFoundError(
      path,
      'no MOJO in this folder; expected one .zip/.mojo file, a folder with model.ini, or a model.tar.gz',
    );
  if (pick.length > 1) {
    const names = pick
      .map((e) => e.name)
      .sort()
      .join(', ');
    // The path whole (a real path under the root, which error bodies show relative to it: server-paths.ts).
    throw new BadRequestError(`several MOJOs found in '${path}': ${echoed(names)}; the url must name one of them`);
  }
  const one = join(path, pick[0].name);
  if (pick[0].isDirectory()) return openMojoEntries(await readFolder(one), one);
  return openBytes(await readFile(one), one, workerMinBytes);
}

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

async function openBytes(bytes: Uint8Array, origin: string, workerMinBytes: number): Promise<MojoSource> {
  if (bytes.length >= workerMinBytes && isZip(bytes)) return openMojoEntries(await inflateZip(bytes, origin), origin);
  return openMojoBytes(bytes, origin);
}

async function hasModelIni(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'model.ini'))).isFile();
  } catch {
    return false;
  }
}

/** A MOJO folder's files by relative name, read concurrently. */
async function readFolder(dir: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const reads: Promise<void>[] = [];
  const walk = async (d: string, prefix: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) throw new ModelPathForbiddenError(p);
      if (e.isDirectory()) await walk(p, `${prefix}${e.name}/`);
      else if (e.isFile()) {
        const name = `${prefix}${e.name}`;
        reads.push(readFile(p).then((b) => void files.set(name, b)));
      }
    }
  };
  await walk(dir, '');
  await Promise.all(reads);
  return files;
}
