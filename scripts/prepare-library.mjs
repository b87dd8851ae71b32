// `prepare`: builds dist/ when the package is installed from a git checkout (npm installs its
// devDependencies, runs this, then packs the result) and after `npm install` in a clone. Installs
// without the sources or the build tools (the container's `npm ci --omit=dev`, which only mounts
// the manifests) have nothing to build: they say so and succeed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const missing = ['src/lib/index.ts', 'scripts/build-library.ts'].filter((f) => !existsSync(join(root, f)));
for (const tool of ['bun', 'typescript']) {
  try {
    require.resolve(`${tool}/package.json`);
  } catch {
    missing.push(tool);
  }
}
if (missing.length > 0) {
  console.log(`mojo-scorer prepare: dist/ not built (${missing.join(', ')} absent)`);
} else {
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
