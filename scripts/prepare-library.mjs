// `prepare`: builds dist/ when the package is installed from a git checkout (npm installs its
// devDependencies, runs this, then packs the result) and after `npm install` in a clone. Installs
// that leave out devDependencies (`npm ci --omit=dev`) have no build tools: nothing to build then.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const missing = ['bun/package.json', 'typescript/package.json'].filter((m) => {
  try {
    require.resolve(m);
    return false;
  } catch {
    return true;
  }
});
if (missing.length > 0) {
  console.log(
    `mojo-scorer prepare: ${missing.map((m) => m.split('/')[0]).join(', ')} not installed (devDependencies omitted): dist/ not built`,
  );
} else {
  const r = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
