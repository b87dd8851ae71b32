/**
 * Reads a model artifact without blocking the event loop on I/O: `url` is a MOJO file (zip,
 * .mojo, model.tar.gz), a MOJO folder (model.ini), or a folder laid out like /opt/ml/model
 * holding exactly one of those. Symbolic links inside are refused (never followed out of the
 * root). Decoding the bytes (unzip, gunzip) stays synchronous: it is fflate's CPU work.
 */
import { zipSync, type Zippable } from 'fflate';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MojoNotFoundError } from '../../errors.ts';
import { openMojoBytes, type MojoSource } from '../../mojo/index.ts';
import { ModelPathForbiddenError } from './errors.ts';

const MOJO_FILE = /\.(zip|mojo)$/i;
const TARBALL = /\.(tar\.gz|tgz)$/i;

/** Opens the MOJO found at the real path `path` (inside `root`, already checked). */
export async function readModelArtifact(path: string, root: string): Promise<MojoSource> {
  const st = await stat(path);
  if (st.isFile()) return openMojoBytes(await readFile(path), path);
  const entries = await readdir(path, { withFileTypes: true });
  if (entries.some((e) => e.name === 'model.ini' && e.isFile())) return openMojoBytes(await zipFolder(path, root), path);
  const found: Dirent[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isSymbolicLink()) throw new ModelPathForbiddenError(join(path, e.name), root);
    if (e.isFile() && (MOJO_FILE.test(e.name) || TARBALL.test(e.name))) found.push(e);
    else if (e.isDirectory() && (await hasModelIni(join(path, e.name)))) found.push(e);
  }
  // An extracted archive may leave the tarball next to its content: prefer the content.
  const content = found.filter((e) => !TARBALL.test(e.name));
  const pick = content.length > 0 ? content : found;
  if (pick.length !== 1) {
    throw new MojoNotFoundError(
      pick.length === 0
        ? `no MOJO found in ${path}; expected one .zip/.mojo file, a folder with model.ini, or a model.tar.gz`
        : `several MOJOs found in ${path}: ${pick.map((e) => e.name).join(', ')}`,
    );
  }
  const one = join(path, pick[0].name);
  if (pick[0].isDirectory()) return openMojoBytes(await zipFolder(one, root), one);
  return openMojoBytes(await readFile(one), one);
}

async function hasModelIni(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'model.ini'))).isFile();
  } catch {
    return false;
  }
}

/**
 * A MOJO folder's files, read concurrently and stored (level 0) in an in-memory zip so that
 * the one MOJO opener handles them; storing costs one copy, no compression.
 */
async function zipFolder(dir: string, root: string): Promise<Uint8Array> {
  const files: Zippable = {};
  const reads: Promise<void>[] = [];
  const walk = async (d: string, prefix: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isSymbolicLink()) throw new ModelPathForbiddenError(p, root);
      if (e.isDirectory()) await walk(p, `${prefix}${e.name}/`);
      else if (e.isFile()) {
        const name = `${prefix}${e.name}`;
        reads.push(readFile(p).then((b) => void (files[name] = [b, { level: 0 }])));
      }
    }
  };
  await walk(dir, '');
  await Promise.all(reads);
  return zipSync(files);
}
