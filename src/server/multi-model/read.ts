/**
 * Reads a model artifact for a multi-model load: `url` is a MOJO file (zip, .mojo,
 * model.tar.gz), a MOJO folder (model.ini), or a folder laid out like /opt/ml/model holding
 * exactly one of those. Symbolic links inside are refused (never followed out of the root).
 * The artifact is opened like every other model, through openMojo's `LoadBudget` (entries read
 * lazily, within MOJO_MAX_ENTRY_MB / MOJO_MAX_TOTAL_MB), after a trial load on a worker thread
 * (trial-load.ts) has shown that decoding it stays within the budget.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BadRequestError, echoed, MojoTooLargeError } from '../../errors.ts';
import { type ArchiveLimits, limitsFromEnv, type MojoSource, openMojo, openMojoBytes, MAX_TOTAL_ENV } from '../../mojo/index.ts';
import { ModelPathForbiddenError, ModelUrlNotFoundError } from './errors.ts';
import { type TrialLoader, trialLoader } from './trial-load.ts';

const MOJO_FILE = /\.(zip|mojo)$/i;
const TARBALL = /\.(tar\.gz|tgz)$/i;

export interface ReadArtifactOptions {
  /** Decode the artifact once on a worker thread first (default true; false: tests, benchmarks). */
  trialInWorker?: boolean;
  /** The load budget's limits (default: the environment's, as at start-up). */
  limits?: ArchiveLimits;
  /** Where trial loads run (default: the process's pool). */
  loader?: TrialLoader;
}

export interface ModelArtifact {
  /** The artifact, opened (entries are read when a reader asks). */
  readonly source: MojoSource;
  /** Bytes the trial load read: what decoding it will read again (undefined without a trial). */
  readonly trialReadBytes: number | undefined;
}

/** Opens the MOJO found at the real path `path` (inside `root`, already checked). */
export async function readModelArtifact(path: string, options: ReadArtifactOptions = {}): Promise<ModelArtifact> {
  const artifact = await findArtifact(path);
  const limits = options.limits ?? limitsFromEnv();
  const trialReadBytes =
    options.trialInWorker === false ? undefined : await (options.loader ?? trialLoader()).trial(artifact, artifact, limits);
  return { source: await openArtifact(artifact, limits), trialReadBytes };
}

/** The MOJO file or folder `path` names (itself, or the one MOJO in a folder laid out like /opt/ml/model). */
async function findArtifact(path: string): Promise<string> {
  const st = await stat(path);
  if (st.isFile()) return path;
  // A FIFO, socket or device: reading it could block forever, and it is never a model.
  if (!st.isDirectory()) throw new ModelUrlNotFoundError(path, 'not a file or a folder');
  const entries = await readdir(path, { withFileTypes: true });
  if (entries.some((e) => e.name === 'model.ini' && e.isFile())) {
    await refuseLinks(path);
    return path;
  }
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
  if (pick[0].isDirectory()) await refuseLinks(one);
  return one;
}

/**
 * Opens the artifact within `limits`: a file no larger than the total cap is read (without
 * blocking the event loop) and its entries inflated when a reader asks; a folder's files are
 * read when a reader asks, so files no reader needs cost nothing.
 */
async function openArtifact(path: string, limits: ArchiveLimits): Promise<MojoSource> {
  const st = await stat(path);
  if (!st.isFile()) return openMojo(path, limits);
  if (st.size > limits.maxTotalBytes) {
    throw new MojoTooLargeError(`${path}: the file is ${st.size} bytes, over the cap on the whole model (${MAX_TOTAL_ENV})`);
  }
  return openMojoBytes(await readFile(path), path, limits);
}

async function hasModelIni(dir: string): Promise<boolean> {
  try {
    return (await stat(join(dir, 'model.ini'))).isFile();
  } catch {
    return false;
  }
}

/** Refuses a MOJO folder holding a symbolic link anywhere (names only: nothing is read). */
async function refuseLinks(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isSymbolicLink()) throw new ModelPathForbiddenError(p);
    if (e.isDirectory()) await refuseLinks(p);
  }
}
