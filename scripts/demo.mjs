// npm run demo: vnm against a sandbox host made of network namespaces (electron/sandbox/).
// Builds first when out/ is missing or older than the sources, then runs the bundled demo
// in this process, so Ctrl-C reaches one process that removes everything in order.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const at = (p) => resolve(root, p);
const bundle = at('out/sandbox/demo.mjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function needsBuild() {
  const outputs = [bundle, at('out/cli/vnm.mjs')];
  if (!outputs.every((f) => existsSync(f))) return true;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  return ['electron', 'shared'].some((d) => existsSync(at(d)) && newestMtime(at(d)) > built);
}

if (needsBuild()) {
  console.log('vnm demo: building the app first (npm run build)…');
  const built = spawnSync(process.execPath, [at('scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import(pathToFileURL(bundle).href);
