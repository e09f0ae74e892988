/**
 * The deb's maintainer scripts and vnm-system, run for real against a temporary root
 * (DPKG_ROOT, as dpkg runs them for a chrootless install), never the machine's own system:
 * the group is added once, the units are enabled and disabled again, and the user's network
 * definitions outlive removal and purge.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { capture } from '../helpers/proc';
import type { Captured } from '../helpers/proc';
import { REPO, fpmMappings, makeImage } from '../helpers/package-layout';

const DEB = join(REPO, 'build/linux/deb');
const WANTS = {
  'etc/systemd/system/multi-user.target.wants/vnmd.service': '/usr/lib/systemd/system/vnmd.service',
  'etc/systemd/system/sockets.target.wants/vnmd.socket': '/usr/lib/systemd/system/vnmd.socket',
  'etc/systemd/system/sockets.target.wants/vnmd-ro.socket': '/usr/lib/systemd/system/vnmd-ro.socket',
};
const images: string[] = [];
let root = '';
let hostGroups = '';

function maintainer(script: string, arg: string): Promise<Captured> {
  return capture('sh', [join(DEB, script), arg], { env: { DPKG_ROOT: root } });
}

function vnmSystem(...args: string[]): Promise<Captured> {
  return capture(join(root, 'usr/lib/vnm/vnm-system'), args);
}

function groupLines(): string[] {
  return readFileSync(join(root, 'etc/group'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('vnm:'));
}

/** What dpkg does between prerm and postrm: the package's own files go. */
function removePackageFiles(): void {
  for (const { dest } of fpmMappings()) rmSync(join(root, dest), { force: true });
}

beforeEach(() => {
  hostGroups = readFileSync('/etc/group', 'utf8');
  root = makeImage('pkgscripts');
  images.push(root);
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n', { flag: 'wx' });
});
afterAll(() => images.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('deb maintainer scripts against a temporary root', () => {
  it('postinst adds group vnm once, makes the folders and enables the units', async () => {
    const first = await maintainer('postinst', 'configure');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('added system group vnm');
    const again = await maintainer('postinst', 'configure');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('group vnm exists');
    expect(groupLines()).toHaveLength(1);
    expect(groupLines()[0]).toMatch(/^vnm:x:\d+:$/);
    for (const dir of ['etc/vnm/networks', 'var/lib/vnm']) expect(existsSync(join(root, dir))).toBe(true);
    for (const [link, target] of Object.entries(WANTS)) expect(readlinkSync(join(root, link))).toBe(target);
    expect(readlinkSync(join(root, 'usr/bin/vnm-manager'))).toBe('/opt/vnm/vnm-manager');
    // The machine's own groups are untouched.
    expect(readFileSync('/etc/group', 'utf8')).toBe(hostGroups);
  });

  it('prerm remove disables the units; postrm remove and purge keep the network definitions', async () => {
    expect((await maintainer('postinst', 'configure')).code).toBe(0);
    const def = join(root, 'etc/vnm/networks/default.xml');
    writeFileSync(def, '<network><name>default</name></network>\n');
    writeFileSync(join(root, 'var/lib/vnm/default.leases'), '');

    const prerm = await maintainer('prerm', 'remove');
    expect(prerm.code, prerm.stderr).toBe(0);
    for (const link of Object.keys(WANTS)) expect(existsSync(join(root, link))).toBe(false);
    removePackageFiles();
    expect((await maintainer('postrm', 'remove')).code).toBe(0);
    expect(existsSync(join(root, 'usr/bin/vnm-manager'))).toBe(false);
    expect(readFileSync(def, 'utf8')).toContain('<name>default</name>');

    const purge = await maintainer('postrm', 'purge');
    expect(purge.code, purge.stderr).toBe(0);
    expect(readFileSync(def, 'utf8')).toContain('<name>default</name>');
    expect(existsSync(join(root, 'var/lib/vnm'))).toBe(false);
    expect(groupLines()).toHaveLength(1);
    expect(readFileSync('/etc/group', 'utf8')).toBe(hostGroups);
  });

  it('prerm upgrade leaves the units enabled (the new postinst restarts vnmd)', async () => {
    expect((await maintainer('postinst', 'configure')).code).toBe(0);
    expect((await maintainer('prerm', 'upgrade')).code).toBe(0);
    for (const link of Object.keys(WANTS)) expect(lstatSync(join(root, link)).isSymbolicLink()).toBe(true);
  });
});

describe('vnm-system', () => {
  it('configure --root is idempotent and remove --root undoes the enabling', async () => {
    for (let i = 0; i < 2; i++) expect((await vnmSystem('configure', '--root', root)).code).toBe(0);
    expect(groupLines()).toHaveLength(1);
    expect((await vnmSystem('remove', `--root=${root}`)).code).toBe(0);
    for (const link of Object.keys(WANTS)) expect(existsSync(join(root, link))).toBe(false);
    expect(existsSync(join(root, 'etc/vnm/networks'))).toBe(true);
  });

  it('refuses an unknown command or a missing root, changing nothing', async () => {
    const bad = await vnmSystem('frobnicate', '--root', root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('usage: vnm-system configure|remove [--root DIR]');
    const missing = await vnmSystem('configure', '--root', join(root, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('is not a directory');
    expect(groupLines()).toHaveLength(0);
  });
});

/**
 * The same scripts as dpkg runs them on a normal install (no DPKG_ROOT): on the running
 * system, where systemd is PID 1. That path runs groupadd and writes /usr/bin, so it runs in a
 * private mount namespace where /etc and /usr are overlays whose writes go to a tmpfs, /run
 * says "systemd runs here" (/run/systemd/system) and `systemctl` is a stand-in that records
 * its calls (systemd is not PID 1 on this machine). This host's own files are never touched.
 */
describe('deb maintainer scripts on a running system (private mounts, stand-in systemctl)', () => {
  it('postinst adds the group once, enables and starts the units; prerm stops and disables them; definitions stay', async () => {
    const hostHad = ['/usr/bin/vnm-manager', '/usr/lib/vnm', '/etc/vnm'].map((p) => existsSync(p));
    const t = makeImage('pkglive', []);
    images.push(t);
    const install = fpmMappings()
      .map(({ src, dest }) => `install -D -m 0755 ${join(REPO, src)} ${dest}`)
      .join('\n');
    const script = `set -e
mount -t tmpfs vnmt-live ${t}
mkdir ${t}/eu ${t}/ew ${t}/uu ${t}/uw ${t}/bin
mount -t overlay vnmt-etc -o lowerdir=/etc,upperdir=${t}/eu,workdir=${t}/ew /etc
mount -t overlay vnmt-usr -o lowerdir=/usr,upperdir=${t}/uu,workdir=${t}/uw /usr
mount -t tmpfs vnmt-run /run
mount -t tmpfs vnmt-lib /var/lib
mkdir -p /run/systemd/system
printf '#!/bin/sh\\necho "systemctl $*" >> ${t}/calls\\n' > ${t}/bin/systemctl
chmod 755 ${t}/bin/systemctl
export PATH=${t}/bin:$PATH
${install}
for i in 1 2; do sh ${DEB}/postinst configure; done
echo "GROUPS $(grep -c '^vnm:' /etc/group)"
echo "LINK $(readlink /usr/bin/vnm-manager)"
echo '<network><name>default</name></network>' > /etc/vnm/networks/default.xml
sh ${DEB}/prerm remove
sh ${DEB}/postrm remove
test -e /usr/bin/vnm-manager || echo "LINK gone"
test -f /etc/vnm/networks/default.xml && echo "KEPT default.xml"
cat ${t}/calls`;
    const r = await capture('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('GROUPS 1');
    expect(lines).toContain('LINK /opt/vnm/vnm-manager');
    expect(lines).toContain('LINK gone');
    expect(lines).toContain('KEPT default.xml');
    const configure = [
      'systemctl enable --quiet vnmd.service vnmd.socket vnmd-ro.socket',
      'systemctl daemon-reload',
      'systemctl start vnmd.socket vnmd-ro.socket',
      'systemctl restart vnmd.service',
    ];
    expect(lines.filter((l) => l.startsWith('systemctl '))).toEqual([
      ...configure,
      ...configure,
      'systemctl stop vnmd.service vnmd.socket vnmd-ro.socket',
      'systemctl disable --quiet vnmd.service vnmd.socket vnmd-ro.socket',
      'systemctl daemon-reload',
    ]);
    expect(r.stdout).toContain('added system group vnm');
    // Nothing of it reached this machine.
    expect(readFileSync('/etc/group', 'utf8')).toBe(hostGroups);
    expect(['/usr/bin/vnm-manager', '/usr/lib/vnm', '/etc/vnm'].map((p) => existsSync(p))).toEqual(hostHad);
  });
});
