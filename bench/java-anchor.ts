/**
 * Java's figures, measured in the run that prints ours: bench/java/EvaluatorAnchor.java is
 * compiled once per run against the h2o-genmodel classpath the environment names, then run once
 * per fixture (its own JVM, one scoring thread, JIT-warmed).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

const HARNESS = resolve(import.meta.dir, 'java/EvaluatorAnchor.java');

/** What to set for the Java figures, said wherever one is missing. */
export const SET_CLASSPATH = 'set H2O_GENMODEL_CLASSPATH or H2O_GENMODEL_JAR';

/** The h2o-genmodel classpath: H2O_GENMODEL_CLASSPATH, else H2O_GENMODEL_JAR (either may list jars separated by ':'). */
export function genmodelClasspath(): string | undefined {
  return process.env.H2O_GENMODEL_CLASSPATH?.trim() || process.env.H2O_GENMODEL_JAR?.trim() || undefined;
}

/** The harness, compiled; `dispose` removes its classes. */
export interface JavaAnchor {
  /**
   * h2o-genmodel's rows/s on the rows of `input` after the first `skipRows` (strings → prediction
   * object, the rows it refuses left out), timed for `seconds` after `warmUpSeconds`; a short
   * message instead when the run failed.
   */
  rowsPerSec(model: string, input: string, skipRows: number, seconds: number, warmUpSeconds: number): number | string;
  dispose(): void;
}

/** Compiles the harness into a temp dir; a message saying what is missing when it cannot. */
export function javaAnchor(): JavaAnchor | string {
  const classpath = genmodelClasspath();
  if (!classpath) return SET_CLASSPATH;
  if (!Bun.which('java') || !Bun.which('javac')) return 'needs java and javac on PATH';
  const dir = mkdtempSync(join(tmpdir(), 'mojo-anchor-'));
  const javac = Bun.spawnSync(['javac', '-nowarn', '-cp', classpath, '-d', dir, HARNESS], { stdout: 'ignore', stderr: 'pipe' });
  if (javac.exitCode !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return `javac failed: ${firstLine(javac.stderr.toString())}`;
  }
  const cp = `${dir}${delimiter}${classpath}`;
  return {
    rowsPerSec(model, input, skipRows, seconds, warmUpSeconds) {
      const args = [model, input, String(skipRows), String(seconds), String(warmUpSeconds)];
      const p = Bun.spawnSync(['java', '-cp', cp, 'EvaluatorAnchor', ...args], { stdout: 'pipe', stderr: 'pipe' });
      if (p.exitCode !== 0) return `error: ${firstLine(p.stderr.toString())}`;
      // The result is the last line; h2o-genmodel may log before it.
      const last = p.stdout.toString().trimEnd().split('\n').pop() ?? '';
      const r = JSON.parse(last) as { rowsPerSec: number; rows: number };
      return r.rows > 0 ? r.rowsPerSec : 'error: no row scores';
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function firstLine(text: string): string {
  return (text.trim().split('\n')[0] ?? '').slice(0, 80);
}
