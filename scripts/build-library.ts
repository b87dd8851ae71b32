/**
 * Builds the publishable library into dist/ (not committed; `npm run build`, run by prepack and,
 * through scripts/prepare-library.mjs, by `npm install` of a git checkout):
 * - dist/index.js, dist/node.js (+ a shared chunk): ESM for Node ≥ 20, Deno, Bun and bundlers;
 * - dist/lambda.js: the AWS Lambda handler (ESM, Node);
 * - dist/cjs/*.cjs: the same entries as CommonJS, for `require` where Node cannot require ESM (< 20.19);
 * - dist/browser/mojo-scorer.js: one self-contained minified module for a <script type="module">;
 * - dist/types/: declarations from tsc (tsconfig.build.json), imports rewritten to .js.
 * Every entry bundles what it uses: the published package has no dependencies.
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
// The Lambda handler runs on Node only (it reads the environment and logs to stdout).
await bundle({
  entrypoints: [join(root, 'src/lib/lambda.ts')],
  outdir: dist,
  target: 'node',
  format: 'esm',
  naming: '[name].js',
});
// CommonJS has no shared chunks: one self-contained file per entry.
for (const entry of ['index', 'node', 'lambda'])
  await bundle({
    entrypoints: [join(root, `src/lib/${entry}.ts`)],
    outdir: join(dist, 'cjs'),
    target: 'node',
    format: 'cjs',
    naming: '[name].cjs',
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
// Each also gets a .d.cts twin pointing at .cjs siblings: the types of `require` (TypeScript's
// node16 resolution refuses ESM declarations in a CommonJS file).
const RELATIVE_TS = /((?:from\s+|import\()['"]\.{1,2}\/[^'"]*)\.ts(['"])/g;
function rewriteDeclarations(dir: string): void {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) rewriteDeclarations(p);
    else if (name.endsWith('.d.ts')) {
      const text = readFileSync(p, 'utf8');
      writeFileSync(p, text.replace(RELATIVE_TS, '$1.js$2'));
      writeFileSync(p.replace(/\.d\.ts$/, '.d.cts'), text.replace(RELATIVE_TS, '$1.cjs$2'));
    }
  }
}
rewriteDeclarations(join(dist, 'types'));
console.log('built dist/');
