/**
 * Bundles the model page's script (src/page/main.ts) for the browser. Called as a Bun macro
 * (see page-script.ts), so it runs when the server code is transpiled or compiled: a compiled
 * binary carries the finished script and needs no sources. The bundler cannot be called from
 * inside a macro (it is busy bundling the caller), hence a child `bun build`.
 */
export function bundlePageScript(): string {
  const entry = new URL('../../page/main.ts', import.meta.url).pathname;
  const r = Bun.spawnSync([process.execPath, 'build', entry, '--target=browser', '--format=esm', '--minify']);
  if (r.exitCode !== 0) throw new Error(`page bundle failed: ${r.stderr.toString()}`);
  return r.stdout.toString();
}
