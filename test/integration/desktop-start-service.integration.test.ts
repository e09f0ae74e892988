/**
 * The app starting the stopped service (issue 12), as far as this machine can run it: the
 * app's own code (openBackend with the start-service plan), the package's real helper
 * (build/linux/bin/vnm-start-service) and real socket activation. Two stand-ins, because
 * neither can run here: `pkexec` (no polkit daemon or agent; this one runs its one argument
 * as root with a clean environment, as pkexec does once polkit says yes) and `systemctl` (no
 * systemd as PID 1; this one records what it is asked and, for the start the helper asks
 * for, runs vnmd behind systemd-socket-activate in the test's namespace, detached from the
 * app as systemd's services are). Both live in a temp folder put first on PATH.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/main/connection/open-backend';
import { describePlan, type ConnectionPlan } from '../../electron/main/connection/plan';
import { createNetns, destroyAllNetns, type TestNetns } from '../helpers/netns';
import { REPO } from '../helpers/package-layout';
import { cliBundle, makeDirs, removeDirs, type VnmdDirs } from '../helpers/vnmd';

const HELPER = join(REPO, 'build/linux/bin/vnm-start-service');
const work = mkdtempSync(join(tmpdir(), 'vnmt-startsvc-'));
const bin = join(work, 'bin');
let ns: TestNetns;
let dirs: VnmdDirs;
const savedPath = process.env.PATH;

function script(name: string, text: string): void {
  const file = join(bin, name);
  writeFileSync(file, `#!/bin/sh\n${text}\n`);
  chmodSync(file, 0o755);
}

beforeAll(async () => {
  ns = await createNetns('dss');
  dirs = makeDirs();
  const cli = await cliBundle();
  mkdirSync(bin);
  script(
    'pkexec',
    [
      '# Stand-in for pkexec (polkit cannot run here): one absolute program, clean environment.',
      `echo "$@" > ${work}/pkexec.args`,
      '[ "$#" -eq 1 ] && [ "${1#/}" != "$1" ] || exit 127',
      `exec env -i PATH=${bin}:/usr/sbin:/usr/bin:/sbin:/bin "$1"`,
    ].join('\n'),
  );
  const daemon = `node ${cli} daemon --config-dir ${dirs.configDir} --state-dir ${dirs.stateDir} --runtime-dir ${dirs.runtimeDir}`;
  script(
    'systemctl',
    [
      '# Stand-in for systemctl (no systemd as PID 1): records, and starts the units the helper names.',
      `echo "$@" >> ${work}/systemctl.args`,
      '[ "$*" = "start vnmd.socket vnmd-ro.socket vnmd.service" ] || exit 1',
      `mkdir -p ${dirs.runtimeDir}`,
      `setsid ip netns exec ${ns.name} systemd-socket-activate -l ${dirs.socket} -l ${dirs.roSocket} --fdname=vnmd:vnmd-ro -- ${daemon} >${work}/vnmd.log 2>&1 </dev/null &`,
      `echo $! > ${work}/vnmd.pid`,
    ].join('\n'),
  );
});

afterAll(async () => {
  process.env.PATH = savedPath;
  await destroyAllNetns();
  if (dirs) removeDirs(dirs);
  rmSync(work, { recursive: true, force: true });
});

const runtime = { execPath: process.execPath, cliPath: '/nonexistent/vnm.mjs', isElectron: false };

describe('the app starts the stopped service through pkexec and the package’s helper', () => {
  it('does nothing when the person declines, and says how to start it by hand', async () => {
    const plan: ConnectionPlan = { kind: 'start-service', path: dirs.socket, helper: HELPER };
    process.env.PATH = `${bin}:${savedPath}`;
    try {
      await expect(
        openBackend({ plan, runtime, confirmPkexec: () => Promise.resolve(false) }),
      ).rejects.toMatchObject({
        kind: 'permission-denied',
        message: expect.stringContaining('sudo systemctl start vnmd.socket vnmd.service') as string,
      });
    } finally {
      process.env.PATH = savedPath;
    }
    expect(existsSync(join(work, 'pkexec.args'))).toBe(false);
  });

  it('asks first, runs only the helper under pkexec, and connects to a vnmd that is not its child', async () => {
    const plan: ConnectionPlan = { kind: 'start-service', path: dirs.socket, helper: HELPER };
    const said: string[] = [];
    let asked = 0;
    process.env.PATH = `${bin}:${savedPath}`;
    let opened;
    try {
      opened = await openBackend({
        plan,
        runtime,
        confirmPkexec: () => Promise.resolve(++asked > 0),
        announce: (text) => said.push(text),
      });
    } finally {
      process.env.PATH = savedPath;
    }
    const { backend, child } = opened;
    try {
      expect(said).toEqual([describePlan(plan)]);
      expect(said[0]).toContain('pkexec asks for a password');
      expect(asked).toBe(1);
      expect(child).toBeNull();
      expect(readFileSync(join(work, 'pkexec.args'), 'utf8')).toBe(`${HELPER}\n`);
      expect(readFileSync(join(work, 'systemctl.args'), 'utf8')).toBe(
        'start vnmd.socket vnmd-ro.socket vnmd.service\n',
      );
      // The app's connection is what started vnmd (socket activation); it serves.
      expect(await backend.call('network.list', { filter: 'all' })).toEqual([]);
      const pid = Number(readFileSync(join(work, 'vnmd.pid'), 'utf8'));
      expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('node');
      expect(readFileSync(join(work, 'vnmd.log'), 'utf8')).toContain('passed by systemd');
      // Not the app's process: closing the app leaves it to "systemd".
      const ppid = Number(/^PPid:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      expect(ppid).not.toBe(process.pid);
      backend.close();
      expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('node');
    } finally {
      backend.close();
    }
  });
});
