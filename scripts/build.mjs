// Builds everything that runs from out/: the vnm CLI and vnmd, the Electron main and
// preload, and the renderer (vite). The CLI is minified and split: a client call loads
// out/cli/vnm.mjs and the chunks it needs, not vnmd's or the demo's code (`vnm daemon`
// and `vnm demo` import theirs when run), which takes ~40 ms off every `vnm` process.
// Entries that do not exist yet are skipped, so the build works while the tree grows.
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { build as rolldown } from 'rolldown';
import { build as vite } from 'vite';

const root = resolve(import.meta.dirname, '..');
const at = (p) => resolve(root, p);

const nodeBundles = [
  { input: 'electron/cli/main.ts', file: 'out/cli/vnm.mjs', format: 'esm', split: true },
  { input: 'electron/main/index.ts', file: 'out/main/index.js', format: 'esm' },
  // A sandboxed preload must be one CommonJS file.
  { input: 'electron/preload/index.ts', file: 'out/preload/index.cjs', format: 'cjs' },
  // The browser shell (no Electron) and the script it injects into the page.
  { input: 'electron/main/shells/browser/main.ts', file: 'out/main/browser.mjs', format: 'esm' },
  { input: 'electron/main/shells/browser/page-client.ts', file: 'out/browser/vnm-client.js', format: 'iife' },
  { input: 'electron/sandbox/demo-main.ts', file: 'out/sandbox/demo.mjs', format: 'esm' },
];

rmSync(at('out'), { recursive: true, force: true });
for (const b of nodeBundles) {
  if (!existsSync(at(b.input))) continue;
  await rolldown({
    input: at(b.input),
    platform: 'node',
    external: ['electron', /^node:/],
    logLevel: 'warn',
    output: b.split
      ? {
          dir: dirname(at(b.file)),
          entryFileNames: basename(b.file),
          chunkFileNames: 'chunks/[name]-[hash].mjs',
          format: b.format,
          minify: true,
          sourcemap: true,
        }
      : { file: at(b.file), format: b.format, sourcemap: true },
  });
  console.log(`built ${b.file}`);
}
if (existsSync(at('renderer/index.html'))) {
  await vite({ configFile: at('vite.config.ts'), logLevel: 'warn' });
  console.log('built out/renderer');
}
