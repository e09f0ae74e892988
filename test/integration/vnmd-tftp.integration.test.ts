/**
 * `<tftp root='…'/>` (issue 16): a guest of a NAT network fetches a file from the network's
 * dnsmasq by TFTP while the host's own input chain drops everything it does not accept.
 *
 * - An iptables host firewall (`iptables -P INPUT DROP`, replies and loopback accepted): vnmd
 *   puts tagged accepts for DHCP, DNS and TFTP from the bridge at the head of INPUT, as
 *   libvirt's iptables backend does. The guest takes a lease and fetches the file; with only
 *   our udp/69 accept deleted, the fetch fails; destroy removes exactly our rules.
 * - Another tool's own nft table with an input policy drop: nftables lets every base chain
 *   veto, so the accept in vnm's table cannot let TFTP through, and vnm does not edit that
 *   table by itself. The fetch fails; `net-diagnose` names the chain; the accept it gives,
 *   applied on the user's say-so (network.applyFix), lets the guest fetch the file.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../electron/client/client';
import { createGuest, runUdhcpc, type Guest } from '../helpers/guest';
import type { Sandbox } from '../helpers/sandbox';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const NET = 'tf';
const BR = 'vnmtf0';
const work = mkdtempSync(join(tmpdir(), 'vnmt-tftp-'));
const root = join(work, 'tftp');
const XML = `<network>
  <name>${NET}</name><forward mode='nat'/>
  <bridge name='${BR}' stp='off'/>
  <ip address='10.67.0.1' prefix='24'><tftp root='${root}'/>
    <dhcp><range start='10.67.0.100' end='10.67.0.150'/></dhcp></ip>
</network>`;

let sb: Sandbox;
let client: VnmClient;

setUpVnmdSandbox('tftp', (s) => {
  ({ sb, client } = s);
  // dnsmasq serves TFTP as nobody: the folder and file must be readable by everyone.
  chmodSync(work, 0o755);
  mkdirSync(root, { mode: 0o755 });
  writeFileSync(join(root, 'boot.txt'), 'boot me\n', { mode: 0o644 });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const host = (cmd: string, args: string[]) => sb.host.exec(cmd, args);

afterEach(async () => {
  await client.call('network.destroy', { network: NET }).catch(() => undefined);
  await host('sh', ['-c', 'nft delete table ip filter; nft delete table inet hostfw; true']);
});

/** busybox tftp in the guest; the file's text, or '' when nothing came within 3 s. */
async function fetch(g: Guest): Promise<string> {
  const cmd = 'cd /tmp && timeout 3 busybox tftp -g -r boot.txt -l - 10.67.0.1';
  return (await g.ns.tryExec('sh', ['-c', cmd], { timeoutMs: 10_000 })).stdout;
}

const inputRules = async () => (await host('iptables', ['-S', 'INPUT'])).stdout.trim().split('\n');

describe('TFTP from a guest to the host', () => {
  it("is opened in vnm's own table for a network with <tftp>, only for its bridge", async () => {
    await client.call('network.create', { xml: XML });
    const table = (await host('nft', ['list', 'set', 'inet', 'vnm', 'tftp_bridges'])).stdout;
    expect(table).toContain(`"${BR}"`);
    expect((await host('nft', ['list', 'chain', 'inet', 'vnm', 'input'])).stdout).toMatch(
      /iifname @tftp_bridges udp dport 69 counter packets \d+ bytes \d+ accept/,
    );
  });

  it('gets through an iptables INPUT drop policy by our tagged accepts; without ours it fails', async () => {
    await host('iptables', ['-P', 'INPUT', 'DROP']);
    await host('iptables', [
      '-A',
      'INPUT',
      '-m',
      'conntrack',
      '--ctstate',
      'ESTABLISHED,RELATED',
      '-j',
      'ACCEPT',
    ]);
    await host('iptables', ['-A', 'INPUT', '-i', 'lo', '-j', 'ACCEPT']);
    const hostRules = await inputRules();
    await client.call('network.create', { xml: XML });
    const ours = (await inputRules()).filter((r) => r.includes(`vnm:${NET}`));
    expect(ours.map((r) => r.replace(/ -m comment.*/, ''))).toEqual([
      `-A INPUT -i ${BR} -p udp -m udp --dport 69`,
      `-A INPUT -i ${BR} -p tcp -m tcp --dport 53`,
      `-A INPUT -i ${BR} -p udp -m udp --dport 53`,
      `-A INPUT -i ${BR} -p udp -m udp --dport 67`,
    ]);
    const g = await createGuest(sb.host, BR);
    try {
      expect((await runUdhcpc(g.ns)).ip).toMatch(/^10\.67\.0\./);
      expect(await fetch(g)).toBe('boot me\n');
      // Our udp/69 accept is the one that lets TFTP through the host's drop policy.
      const tftp = ours.find((r) => r.includes('--dport 69'))!;
      await host('sh', ['-c', `iptables ${tftp.replace(/^-A/, '-D')}`]);
      expect(await fetch(g)).toBe('');
    } finally {
      await g.ns.destroy();
    }
    await client.call('network.destroy', { network: NET });
    expect(await inputRules()).toEqual(hostRules);
  });

  it("cannot get through another tool's nft input drop policy by vnm's table; diagnose's fix, confirmed, lets it", async () => {
    await host('nft', [
      'add table inet hostfw; add chain inet hostfw input { type filter hook input priority 0; policy drop; }; ' +
        'add rule inet hostfw input ct state established,related accept; add rule inet hostfw input iifname "lo" accept',
    ]);
    await client.call('network.create', { xml: XML });
    const g = await createGuest(sb.host, BR, { address: '10.67.0.20/24', gateway: '10.67.0.1' });
    try {
      expect(await fetch(g)).toBe('');
      const before = (await host('nft', ['list', 'table', 'inet', 'hostfw'])).stdout;
      const r = await client.call('network.diagnose', { network: NET });
      const line = r.checks.find((c) => c.id === 'firewall-tftp')!;
      expect(line.status).toBe('fail');
      expect(line.summary).toContain('table inet hostfw chain input');
      expect(line.fix).toBe(
        `nft insert rule inet hostfw input 'iifname "${BR}" udp dport 69 accept comment "vnm:${NET}"'`,
      );
      console.log(`foreign nft drop: ${line.summary}\n  fix: ${line.fix}`);
      // Diagnosing changed nothing; vnm touches the table only when asked.
      expect((await host('nft', ['list', 'table', 'inet', 'hostfw'])).stdout).toBe(before);
      const after = await client.call('network.applyFix', { network: NET, check: 'firewall-tftp' });
      expect(after.status).toBe('ok');
      expect(await fetch(g)).toBe('boot me\n');
    } finally {
      await g.ns.destroy();
    }
  });
});
