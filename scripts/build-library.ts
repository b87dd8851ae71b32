/**
 * Builds the publishable library into dist/ (not committed; `npm run build`, run by prepack):
 * - dist/index.js, dist/node.js (+ a shared chunk): ESM for Node ≥ 20, Deno, Bun and bundlers;
 * - dist/browser/mojo-scorer.js: one self-contained minified module for a <script type="module">;
 * - dist/types/: declarations from tsc (tsconfig.build.json), imports rewritten to .js.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dir, '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

async function bundle(config: Parameters<typeof Bun.build>[0]): Promise<void> {
  const result = await Bun.build(config);
  if (!result.success) {
    for (const log of result.logs) console.error(log);
    process.exit(1);
  }
}

// target 'browser' keeps the output free of Node shims; the same ESM runs in Node and Deno.
await bundle({
  entrypoints: [join(root, 'src/lib/index.ts'), join(root, 'src/lib/node.ts')],
  outdir: dist,
  target: 'browser',
  format: 'esm',
  splitting: true,
  naming: { entry: '[name].js', chunk: 'chunk-[hash].js' },
});
await bundle({
  entrypoints: [join(root, 'src/lib/index.ts')],
  outdir: join(dist, 'browser'),
  target: 'browser',
  format: 'esm',
  minify: true,
  naming: 'mojo-scorer.js',
});

const tsc = Bun.spawnSync(['npx', 'tsc', '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdout: 'inherit', stderr: 'inherit' });
if (tsc.exitCode !== 0) process.exit(tsc.exitCode ?? 1);

// Our sources import with .ts extensions; published declarations must point at .js siblings.
function rewriteDeclarations(dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) rewriteDeclarations(p);
    else if (name.endsWith('.d.ts')) writeFileSync(p, readFileSync(p, 'utf8').replace(/(from\s+'\.{1,2}\/[^']*)\.ts'/g, "$1.js'"));
  }
}
rewriteDeclarations(join(dist, 'types'));
console.log('built dist/');
