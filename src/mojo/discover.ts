/**
 * Finds the model to serve. `--model` or MODEL_PATH wins; otherwise SageMaker's model folder
 * (/opt/ml/model, where it extracts model.tar.gz) must hold exactly one MOJO; when nothing is
 * configured and that folder does not exist (a local run), the bundled demo model is used.
 * A named folder without model.ini is searched like /opt/ml/model, so MODEL_PATH can point at a
 * copy of SageMaker's layout.
 */
import { MojoNotFoundError } from '../errors.ts';
import { hostFs, hostPath } from './host.ts';

export const SAGEMAKER_MODEL_DIR = '/opt/ml/model';

export interface DiscoveredModel {
  path: string;
  from: 'argument' | 'MODEL_PATH' | 'sagemaker' | 'demo';
}

const MOJO_FILE = /\.(zip|mojo)$/i;
const TARBALL = /\.(tar\.gz|tgz|tar)$/i;

/** MOJO candidates directly inside a folder: zip/mojo files, model.tar.gz, folders with model.ini. */
export function mojoCandidates(dir: string): string[] {
  const { readdirSync, statSync } = hostFs();
  const { join } = hostPath();
  if (isModelFolder(dir)) return [dir];
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isFile() && (MOJO_FILE.test(name) || TARBALL.test(name))) found.push(p);
    else if (st.isDirectory() && isModelFolder(p)) found.push(p);
  }
  return found;
}

/** A folder holding an H2O-3 MOJO (model.ini) or an unzipped Driverless AI pipeline.mojo (mojo/pipeline.pb|toml). */
function isModelFolder(dir: string): boolean {
  const { existsSync } = hostFs();
  const { join } = hostPath();
  return (
    existsSync(join(dir, 'model.ini')) || existsSync(join(dir, 'mojo', 'pipeline.pb')) || existsSync(join(dir, 'mojo', 'pipeline.toml'))
  );
}

export function discoverModel(opts: {
  explicit?: string;
  env?: Record<string, string | undefined>;
  sagemakerDir?: string;
  demoPath: string;
}): DiscoveredModel {
  const { existsSync } = hostFs();
  if (opts.explicit) return { path: resolveNamed(opts.explicit), from: 'argument' };
  const envPath = opts.env?.MODEL_PATH;
  if (envPath) return { path: resolveNamed(envPath), from: 'MODEL_PATH' };
  const dir = opts.sagemakerDir ?? SAGEMAKER_MODEL_DIR;
  if (!existsSync(dir)) return { path: opts.demoPath, from: 'demo' };
  return { path: onlyMojoIn(dir), from: 'sagemaker' };
}

/** A named file (or missing path: the loader reports it) as is; a folder: the one MOJO it holds. */
function resolveNamed(path: string): string {
  const { statSync } = hostFs();
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return path;
  }
  return isDir ? onlyMojoIn(path) : path;
}

/** The single MOJO in a folder (the folder itself when it holds model.ini); none or several is an error. */
function onlyMojoIn(dir: string): string {
  const found = mojoCandidates(dir);
  // An extracted archive may leave the tarball next to its own content: prefer the content.
  const nonTar = found.filter((p) => !TARBALL.test(p));
  const pick = nonTar.length > 0 ? nonTar : found;
  if (pick.length === 1) return pick[0];
  const listing = hostFs().readdirSync(dir).join(', ') || '(empty)';
  throw new MojoNotFoundError(
    pick.length === 0
      ? `no MOJO found in ${dir} (contents: ${listing}); expected one .zip/.mojo file, a folder with model.ini, or a model.tar.gz`
      : `several MOJOs found in ${dir}: ${pick.join(', ')}; keep exactly one or set MODEL_PATH`,
  );
}
