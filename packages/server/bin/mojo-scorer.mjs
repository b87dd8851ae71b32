#!/usr/bin/env node
// The CLI and server run on Bun (Bun.serve, Bun's TypeScript loader): start src/cli.ts with the
// `bun` binary this package depends on, falling back to a `bun` on PATH.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, '..', '..', '..', 'src', 'cli.ts');

function bunBinary() {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('bun/package.json')), 'bin', 'bun.exe');
  } catch {
    return 'bun';
  }
}

const child = spawn(bunBinary(), [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => {
  console.error(`mojo-scorer: could not start bun (${err.message}); install it from https://bun.sh`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
