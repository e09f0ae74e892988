// npm run demo: vnm against a sandbox host made of network namespaces (electron/sandbox/).
// Builds first when out/ is missing or older than the sources, then runs the bundled demo
// in this process, so Ctrl-C reaches one process that removes everything in order.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isStale } from './stale.mjs';

const root = resolve(import.meta.dirname, '..');
const at = (p) => resolve(root, p);
const bundle = at('out/sandbox/demo.mjs');

const needsBuild = () =>
  isStale(
    [bundle, at('out/cli/vnm.mjs')],
    ['electron', 'shared'].map((d) => at(d)),
  );

if (needsBuild()) {
  console.log('vnm demo: building the app first (npm run build)…');
  const built = spawnSync(process.execPath, [at('scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import(pathToFileURL(bundle).href);
