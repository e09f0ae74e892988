// npm start: runs vnm's window. Electron when its binary is installed, else the browser
// shell (Chromium in --app mode when there is a display, else only the printed URL).
// Flags: --shell=electron|browser, --no-open, --port N, --connect URI, --sandbox.
// Builds first when out/ is missing or older than the sources.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isStale } from './stale.mjs';

const root = resolve(import.meta.dirname, '..');
const at = (p) => resolve(root, p);
const args = process.argv.slice(2);

// The renderer's index.html is checked too: it is built by a separate step (vite).
const needsBuild = () =>
  isStale(
    [at('out/main/browser.mjs'), at('out/renderer/index.html')],
    ['renderer', 'shared', 'electron'].map((d) => at(d)),
  );

function shellFlag() {
  const i = args.findIndex((a) => a === '--shell' || a.startsWith('--shell='));
  if (i < 0) return undefined;
  const value = args[i].includes('=') ? args[i].split('=')[1] : args[i + 1];
  args.splice(i, args[i].includes('=') ? 1 : 2);
  if (value !== 'electron' && value !== 'browser') {
    console.error(`error: --shell must be electron or browser, not "${value}"`);
    process.exit(2);
  }
  return value;
}

function electronBinary() {
  // Electron >= 42 downloads its binary on first use; path.txt appears once it is there.
  const pathTxt = at('node_modules/electron/path.txt');
  return existsSync(pathTxt) ? at('node_modules/.bin/electron') : null;
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (args.includes('--sandbox')) {
  if (!existsSync(at('scripts/demo.mjs'))) {
    console.error(
      'error: the sandbox host is not built yet; use --connect unix:PATH to reach a running vnmd',
    );
    process.exit(1);
  }
  run(process.execPath, [at('scripts/demo.mjs'), ...args.filter((a) => a !== '--sandbox')]);
} else {
  const wanted = shellFlag();
  if (needsBuild()) {
    console.log('vnm: building the app first (npm run build)…');
    const built = spawnSync(process.execPath, [at('scripts/build.mjs')], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const electron = electronBinary();
  if (wanted === 'electron' && !electron) {
    console.error(
      'error: the Electron binary is not installed (it cannot be downloaded here); use --shell=browser, or run `npx install-electron` where the internet is reachable',
    );
    process.exit(1);
  }
  if (electron && wanted !== 'browser') {
    console.log('vnm: using the Electron shell (its binary is installed).');
    run(electron, [at('out/main/index.js'), ...args]);
  } else {
    const why =
      wanted === 'browser'
        ? 'as --shell=browser asks'
        : 'because the Electron binary is not installed (node_modules/electron has no path.txt)';
    console.log(`vnm: using the browser shell ${why}: a local web server, shown in Chromium's app mode.`);
    run(process.execPath, [at('out/main/browser.mjs'), ...args]);
  }
}
