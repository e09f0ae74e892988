/**
 * electron-builder run for real on build/electron-builder.yml, as far as it goes offline. The
 * Electron binary, fpm and appimagetool cannot be downloaded here, so: a fake Electron dist
 * (one stub executable) stands in for Electron, electron-builder packs the app around it
 * (asar, resources), and its effectiveOptionComputed hook stops the deb and AppImage targets
 * right before they would fetch fpm / appimagetool, handing over what they computed: fpm's
 * arguments (file mappings, maintainer scripts) and the desktop entries. We check those.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { Arch, Platform, build } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../electron/helper/version';
import { capture, mustRun } from '../helpers/proc';
import { BUILDER_YML, REPO, fpmMappings } from '../helpers/package-layout';

interface DebComputed {
  readonly args: string[];
  readonly desktop: string;
  readonly afterInstall: string;
  readonly afterRemove: string;
}

const work = mkdtempSync(join(tmpdir(), 'vnmt-pkgbuild-'));
const outDir = join(work, 'release');
const unpacked = join(outDir, 'linux-unpacked');
const resources = join(unpacked, 'resources');
let deb: DebComputed | undefined;
let appImage: { desktop: string; desktopFileName: string } | undefined;

function argAfter(args: readonly string[], flag: string): string {
  const i = args.indexOf(flag);
  const value = i < 0 ? undefined : args[i + 1];
  if (value === undefined) throw new Error(`fpm gets no ${flag}`);
  return value;
}

/** fpm's `SRC=DEST` inputs (everything after the options). */
function mappingsOf(args: readonly string[]): Map<string, string> {
  return new Map(
    args
      .filter((a) => !a.startsWith('-') && /^[^=\s]+=\/[^=\s]*$/.test(a))
      .map((a) => a.split('=') as [string, string]),
  );
}

async function desktopFileValidate(
  text: string,
  name: string,
): Promise<{ code: number | null; out: string }> {
  const file = join(work, name);
  writeFileSync(file, text);
  const r = await capture('desktop-file-validate', [file]);
  return { code: r.code, out: r.stdout + r.stderr };
}

beforeAll(async () => {
  // npm run package:dir builds out/ first too; electron-builder packs what is there.
  await mustRun('node', [join(REPO, 'scripts/build.mjs')], { timeoutMs: 120_000 });
  const fakeElectronDist = join(work, 'fake-electron-dist');
  mkdirSync(fakeElectronDist);
  writeFileSync(
    join(fakeElectronDist, 'electron'),
    '#!/bin/sh\necho "fake Electron (the real binary cannot be downloaded here)" >&2\nexit 1\n',
  );
  chmodSync(join(fakeElectronDist, 'electron'), 0o755);
  await build({
    projectDir: REPO,
    targets: Platform.LINUX.createTarget(['deb', 'AppImage'], Arch.x64),
    publish: 'never',
    config: { extends: BUILDER_YML, electronDist: fakeElectronDist, directories: { output: outDir } },
    effectiveOptionComputed: (computed: unknown) => {
      if (Array.isArray(computed)) {
        // deb: [fpm args, desktop file]; the temp files are gone once build() returns.
        const [args, desktopFile] = computed as [string[], string];
        deb = {
          args,
          desktop: readFileSync(desktopFile, 'utf8'),
          afterInstall: readFileSync(argAfter(args, '--after-install'), 'utf8'),
          afterRemove: readFileSync(argAfter(args, '--after-remove'), 'utf8'),
        };
      } else {
        appImage = computed as { desktop: string; desktopFileName: string };
      }
      return Promise.resolve(true); // stop here: fpm / appimagetool would be downloaded next
    },
  });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the unpacked app', () => {
  it('is the window vnm-manager with the app in app.asar, without node_modules or source maps', () => {
    expect(existsSync(join(unpacked, 'vnm-manager'))).toBe(true);
    const asar = join(resources, 'app.asar');
    const files = listPackage(asar, { isPack: false });
    for (const f of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /node_modules|\.map$|^\/out\/browser\//.test(f))).toEqual([]);
    const pkg = JSON.parse(extractFile(asar, 'package.json').toString()) as Record<string, unknown>;
    expect([pkg.main, pkg.desktopName]).toEqual(['out/main/index.js', 'vnm-manager.desktop']);
  });

  it('carries a self-contained CLI bundle and the system files in resources/', async () => {
    const cli = join(resources, 'cli');
    expect(readdirSync(cli)).toContain('vnm.mjs');
    expect(readdirSync(join(cli, 'chunks')).filter((f) => f.endsWith('.map'))).toEqual([]);
    // Run from the temp folder: no node_modules anywhere above it.
    const r = await capture(process.execPath, [join(cli, 'vnm.mjs'), '--version']);
    expect({ code: r.code, out: r.stdout.trim() }).toEqual({ code: 0, out: VERSION });
    for (const f of ['systemd/vnmd.service', 'polkit/org.vnm.vnmd.policy', 'bin/vnm-system']) {
      expect(existsSync(join(resources, 'linux', f))).toBe(true);
    }
  });

  it('runs as /usr/bin/vnm: the launcher starts the CLI with the packaged Electron as Node', async () => {
    // A private mount namespace puts the unpacked app at /opt/vnm for this command only. Its
    // vnm-manager is a fake Electron that insists on ELECTRON_RUN_AS_NODE, then runs Node.
    const fake = join(work, 'fake-electron-as-node');
    writeFileSync(
      fake,
      `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "not run as node" >&2; exit 3; }\nexec ${process.execPath} "$@"\n`,
    );
    chmodSync(fake, 0o755);
    const script = [
      'mount -t tmpfs vnmt-opt /opt',
      'mkdir /opt/vnm',
      `cp ${fake} /opt/vnm/vnm-manager`,
      `ln -s ${resources} /opt/vnm/resources`,
      `exec ${join(REPO, 'build/linux/bin/vnm')} --version`,
    ].join(' && ');
    const r = await capture('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script]);
    expect({ code: r.code, out: r.stdout.trim(), err: r.stderr }).toEqual({ code: 0, out: VERSION, err: '' });
  });
});

describe('the deb as electron-builder hands it to fpm', () => {
  it('installs every file build/electron-builder.yml maps, from files that exist', () => {
    const m = mappingsOf(deb!.args);
    expect(fpmMappings().length).toBeGreaterThan(0);
    for (const { src, dest } of fpmMappings()) {
      expect(m.get(src)).toBe(dest);
      expect(existsSync(join(REPO, src))).toBe(true);
    }
    expect(m.get(`${unpacked}/`)).toBe('/opt/vnm');
    expect(m.get(join(REPO, 'build/icons/512x512.png'))).toBe(
      '/usr/share/icons/hicolor/512x512/apps/vnm-manager.png',
    );
    expect([...m.values()]).toContain('/usr/share/applications/vnm-manager.desktop');
    expect([...m.values()]).toContain('/usr/share/icons/hicolor/scalable/apps/vnm-manager.svg');
    // /usr/bin/vnm is the CLI launcher and nothing else lands in /usr/bin: the window's
    // command (/usr/bin/vnm-manager) is the postinst's link to /opt/vnm/vnm-manager.
    const usrBin = [...m].filter(([, dest]) => dest.startsWith('/usr/bin/'));
    expect(usrBin).toEqual([['build/linux/bin/vnm', '/usr/bin/vnm']]);
    expect(readFileSync(join(REPO, 'build/linux/bin/vnm'), 'utf8')).toMatch(
      /^exec \/opt\/vnm\/vnm-manager \/opt\/vnm\/resources\/cli\/vnm\.mjs "\$@"$/m,
    );
  });

  it('has our maintainer scripts, unchanged by electron-builder’s templates, and the package name', () => {
    const d = deb!;
    expect(d.afterInstall).toBe(readFileSync(join(REPO, 'build/linux/deb/postinst'), 'utf8'));
    expect(d.afterRemove).toBe(readFileSync(join(REPO, 'build/linux/deb/postrm'), 'utf8'));
    expect(d.args).toContain('--before-remove=build/linux/deb/prerm');
    expect(argAfter(d.args, '--name')).toBe('vnm');
  });

  it('depends on what vnmd and Electron need (the configuration as electron-builder loads it)', async () => {
    const config = await getConfig(REPO, BUILDER_YML, null);
    const depends = config.deb?.depends ?? [];
    for (const dep of [
      'dnsmasq-base',
      'nftables',
      'iproute2',
      'polkitd | policykit-1',
      'libnss3',
      'libgtk-3-0',
    ]) {
      expect(depends).toContain(dep);
    }
    expect(config.linux?.target).toEqual(['deb', 'AppImage']);
  });
});

describe('desktop entries', () => {
  it('the deb’s passes desktop-file-validate and starts the window', async () => {
    const text = deb!.desktop;
    expect(await desktopFileValidate(text, 'vnm-manager.desktop')).toEqual({ code: 0, out: '' });
    for (const line of [
      'Name=vnm',
      'Exec=/opt/vnm/vnm-manager %U',
      'Icon=vnm-manager',
      'StartupWMClass=vnm-manager',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
  });

  it('the AppImage’s passes desktop-file-validate', async () => {
    const a = appImage!;
    expect(a.desktopFileName).toBe('vnm-manager.desktop');
    expect(await desktopFileValidate(a.desktop, 'appimage.desktop')).toEqual({ code: 0, out: '' });
  });
});
