/**
 * Failure at each start step (acceptance 8 of issue 3): start fails with an error that says
 * what failed, and the host snapshot equals the one before (the network is shaped, so its
 * ifb device is among what must be gone). Injected by VNMD_INJECT_FAILURE
 * (the step fails right after changing the host), and for real: a dnsmasq that exits 1, an
 * nft that refuses the rules, a bridge name taken, a subnet already routed.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VnmError } from '../../shared/rpc/errors';
import { START_STEPS } from '../../electron/helper/inject';
import { destroyAllNetns } from '../helpers/netns';
import { createSandbox, type Sandbox } from '../helpers/sandbox';
import { hostSnapshot, makeDirs, removeDirs, startVnmd, type Vnmd, type VnmdDirs } from '../helpers/vnmd';

const XML = `<network>
  <name>fail</name>
  <forward mode='nat'/>
  <bridge name='vnmfail0'/>
  <bandwidth><inbound average='1000'/><outbound average='1000'/></bandwidth>
  <ip address='10.88.0.1' prefix='24'><dhcp><range start='10.88.0.10' end='10.88.0.20'/></dhcp></ip>
  <ip family='ipv6' address='fd88::1' prefix='64'/>
  <route address='10.99.0.0' prefix='24' gateway='10.88.0.2'/>
</network>`;

let sb: Sandbox;
let dirs: VnmdDirs;
let fakeBin: string;

beforeAll(async () => {
  sb = await createSandbox('fail');
  dirs = makeDirs();
  fakeBin = mkdtempSync(join(tmpdir(), 'vnmt-fakebin-'));
  writeFileSync(
    join(fakeBin, 'dnsmasq'),
    '#!/bin/sh\necho "dnsmasq: failed to create listening socket: Address in use" >&2\nexit 1\n',
  );
  writeFileSync(
    join(fakeBin, 'nft'),
    // Refuses every transaction, from a script (-f) or line by line as vnmd's nft -i gets them.
    '#!/bin/sh\nERR="Error: Could not process rule: No such file or directory"\n' +
      'if [ "$1" = "-f" ]; then cat >/dev/null; echo "$ERR" >&2; exit 1; fi\n' +
      'if [ "$1" = "-i" ]; then while IFS= read -r l; do printf "%s\\n%s\\n^\\n" "$ERR" "$l" >&2; done; exit 0; fi\n' +
      'exec /usr/sbin/nft "$@"\n',
  );
  chmodSync(join(fakeBin, 'dnsmasq'), 0o755);
  chmodSync(join(fakeBin, 'nft'), 0o755);
  const v = await startVnmd(sb.host, { dirs });
  await (await v.client()).call('network.define', { xml: XML });
  await v.stop();
});

afterAll(async () => {
  await destroyAllNetns();
  removeDirs(dirs);
  rmSync(fakeBin, { recursive: true, force: true });
});

async function expectStartFails(vnmd: Vnmd, pattern: RegExp): Promise<VnmError> {
  const before = await hostSnapshot(sb.host);
  const c = await vnmd.client();
  try {
    const err = await c.call('network.start', { network: 'fail' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VnmError);
    expect((err as VnmError).message).toMatch(pattern);
    expect(await hostSnapshot(sb.host)).toEqual(before);
    expect((await c.call('network.info', { network: 'fail' })).active).toBe(false);
    return err as VnmError;
  } finally {
    c.close();
  }
}

describe('a start that fails', () => {
  it.each(START_STEPS)('after step %s leaves the host as it was', async (step) => {
    const vnmd = await startVnmd(sb.host, { dirs, env: { VNMD_INJECT_FAILURE: step } });
    try {
      await expectStartFails(vnmd, new RegExp(`injected failure after step '${step}'.*restored`));
    } finally {
      await vnmd.stop();
    }
  });

  it('when dnsmasq exits 1 says so, with dnsmasq own reason', async () => {
    const vnmd = await startVnmd(sb.host, { dirs, args: ['--dnsmasq', join(fakeBin, 'dnsmasq')] });
    try {
      await expectStartFails(vnmd, /starting dnsmasq.*Address in use/);
    } finally {
      await vnmd.stop();
    }
  });

  it('when nft refuses the rules says so', async () => {
    const vnmd = await startVnmd(sb.host, { dirs, env: { PATH: `${fakeBin}:${process.env.PATH}` } });
    try {
      await expectStartFails(vnmd, /firewall rules.*nft refused/);
    } finally {
      await vnmd.stop();
    }
  });

  it('when the bridge name is taken names it', async () => {
    await sb.host.exec('ip', ['link', 'add', 'vnmfail0', 'type', 'bridge']);
    const vnmd = await startVnmd(sb.host, { dirs });
    try {
      const err = await expectStartFails(vnmd, /Bridge name 'vnmfail0' is already in use/);
      expect(err.kind).toBe('conflict');
    } finally {
      await vnmd.stop();
      await sb.host.exec('ip', ['link', 'del', 'vnmfail0']);
    }
  });

  it('when the subnet is already routed names the interface', async () => {
    await sb.host.exec('ip', ['link', 'add', 'taken0', 'type', 'bridge']);
    await sb.host.exec('ip', ['addr', 'add', '10.88.0.5/24', 'dev', 'taken0']);
    await sb.host.exec('ip', ['link', 'set', 'taken0', 'up']);
    const vnmd = await startVnmd(sb.host, { dirs });
    try {
      await expectStartFails(vnmd, /already in use by interface taken0/);
    } finally {
      await vnmd.stop();
      await sb.host.exec('ip', ['link', 'del', 'taken0']);
    }
  });
});
