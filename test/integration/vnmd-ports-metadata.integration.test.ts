/**
 * Issue 16, against the real vnmd in a sandbox, through the `vnm` CLI as a user runs it:
 * - net-port-create / -list / -dumpxml / -delete with libvirt's network port XML and virsh's
 *   output; a port with isolated='yes' isolates the bridge port that carries its MAC (a
 *   libvirt-style tap, fe: first), whether it was there before or joins after, and the
 *   guests behind it can no longer reach each other; ports outlive a vnmd restart and go when
 *   their network stops; what vnm cannot apply, or cannot read, is refused and stores nothing.
 * - net-desc and net-metadata over <title>, <description> and <metadata>, --config and
 *   --live, with virsh's messages and libvirt's refusals.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createGuest, type Guest } from '../helpers/guest';
import { type Sandbox } from '../helpers/sandbox';
import { startVnmd, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

let sb: Sandbox;
let vnmd: Vnmd;
const files = mkdtempSync(join(tmpdir(), 'vnmt-ports-'));
afterAll(() => rmSync(files, { recursive: true, force: true }));

const BRIDGE = 'vnmpm0';
const NET = `<network>
  <name>pm</name>
  <bridge name='${BRIDGE}' stp='off'/>
  <ip address='10.65.0.1' prefix='24'/>
</network>`;

setUpVnmdSandbox(
  'pmd',
  async (s) => {
    ({ sb, vnmd } = s);
    writeFileSync(join(files, 'pm.xml'), NET);
    writeFileSync(join(files, 'off.xml'), NET.replace('>pm<', '>pmoff<').replace(BRIDGE, 'vnmpm9'));
    for (const args of [
      ['net-define', 'pm.xml'],
      ['net-start', 'pm'],
      ['net-define', 'off.xml'],
    ]) {
      const r = await vnmd.cli(args.map((a) => (a.endsWith('.xml') ? join(files, a) : a)));
      expect(r.stderr).toBe('');
    }
  },
  { client: false },
);

const OWNER = '3f0c5e43-6b4c-4d2e-9a4e-1c2d3e4f5a6b';
let seq = 0;

/** A port file for a guest of MAC `mac`; returns its path and UUID. */
function portFile(mac: string, extra = ''): { file: string; uuid: string } {
  seq++;
  const uuid = `5d1e8fde-5a24-4e37-a0e8-${String(seq).padStart(12, '0')}`;
  const file = join(files, `port${seq}.xml`);
  writeFileSync(
    file,
    `<networkport><uuid>${uuid}</uuid><owner><name>guest${seq}</name><uuid>${OWNER}</uuid></owner>` +
      `<mac address='${mac}'/>${extra}</networkport>`,
  );
  return { file, uuid };
}

const cli = (...args: string[]) => vnmd.cli(args);
const errLines = (stderr: string) => stderr.split('\n').filter(Boolean);
const portsDir = () => join(vnmd.dirs.runtimeDir, 'ports', 'pm');

async function isolatedFlag(g: Guest): Promise<string> {
  return (await sb.host.exec('cat', [`/sys/class/net/${g.port}/brport/isolated`])).stdout.trim();
}

/** A guest whose bridge port is a libvirt-style tap: the guest's MAC with fe first. */
async function tapGuest(mac: string, address: string): Promise<Guest> {
  const g = await createGuest(sb.host, BRIDGE, { mac, address });
  await sb.host.exec('ip', ['link', 'set', 'dev', g.port, 'address', `fe${mac.slice(2)}`]);
  return g;
}

async function pings(g: Guest, to: string): Promise<boolean> {
  return (await g.ns.tryExec('ping', ['-c', '2', '-i', '0.2', '-W', '1', to])).code === 0;
}

describe('network ports', () => {
  let first: { file: string; uuid: string };

  it('records a port, fills in its plug as libvirt does, and lists and dumps it as virsh does', async () => {
    first = portFile('52:54:00:65:00:0a');
    const created = await cli('net-port-create', 'pm', first.file);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    expect(created.stdout).toBe(`Network port ${first.uuid} created from ${first.file}\n\n`);
    const table = await cli('net-port-list', 'pm');
    expect(table.stdout.split('\n').map((l) => l.trimEnd())).toEqual([
      ' UUID',
      '-'.repeat(39),
      ` ${first.uuid}`,
      '',
      '',
    ]);
    expect((await cli('net-port-list', 'pm', '--uuid')).stdout).toBe(`${first.uuid}\n\n`);
    expect((await cli('net-port-dumpxml', 'pm', first.uuid)).stdout).toBe(
      `<networkport>
  <uuid>${first.uuid}</uuid>
  <owner>
    <name>guest1</name>
    <uuid>${OWNER}</uuid>
  </owner>
  <mac address='52:54:00:65:00:0a'/>
  <plug type='network' bridge='${BRIDGE}'/>
</networkport>

`,
    );
    expect(existsSync(join(portsDir(), `${first.uuid}.xml`))).toBe(true);
  });

  it("isolates the bridge port carrying an isolated port's MAC, present or joining later", async () => {
    const a = await tapGuest('52:54:00:65:00:1a', '10.65.0.26/24');
    const b = await tapGuest('52:54:00:65:00:1b', '10.65.0.27/24');
    const portA = portFile('52:54:00:65:00:1a', "<port isolated='yes'/>");
    expect((await cli('net-port-create', 'pm', portA.file)).code).toBe(0);
    await vi.waitFor(async () => expect(await isolatedFlag(a)).toBe('1'), { timeout: 10_000 });
    expect((await cli('net-port-dumpxml', 'pm', portA.uuid)).stdout).toContain("  <port isolated='yes'/>\n");
    // A port recorded before its guest plugs in: isolated when the tap joins.
    const portC = portFile('52:54:00:65:00:1c', "<port isolated='yes'/>");
    expect((await cli('net-port-create', 'pm', portC.file)).code).toBe(0);
    const c = await tapGuest('52:54:00:65:00:1c', '10.65.0.28/24');
    await vi.waitFor(async () => expect(await isolatedFlag(c)).toBe('1'), { timeout: 10_000 });
    expect(await isolatedFlag(b)).toBe('0');
    // Isolated ports reach the host and unisolated ports, not each other.
    expect(await pings(a, '10.65.0.1')).toBe(true);
    expect(await pings(a, '10.65.0.27')).toBe(true);
    expect(await pings(a, '10.65.0.28')).toBe(false);
  }, 60_000);

  it('deletes a port as virsh does, and then knows it no more', async () => {
    const r = await cli('net-port-delete', 'pm', first.uuid.toUpperCase());
    expect(r).toMatchObject({ code: 0, stdout: `Network port ${first.uuid} deleted\n\n` });
    expect((await cli('net-port-list', 'pm', '--uuid')).stdout).not.toContain(first.uuid);
    expect(existsSync(join(portsDir(), `${first.uuid}.xml`))).toBe(false);
    const gone = await cli('net-port-dumpxml', 'pm', first.uuid);
    expect(gone.code).toBe(1);
    expect(errLines(gone.stderr)).toEqual([
      `error: failed to get network port '${first.uuid}'`,
      expect.stringMatching(
        `^error: network port not found: Network port with UUID ${first.uuid} does not exist; vnm net-port-list pm`,
      ),
    ]);
  });

  it('refuses what it cannot read or apply, with the reason, and stores nothing', async () => {
    const before = (await cli('net-port-list', 'pm', '--uuid')).stdout;
    const bad = join(files, 'bad.xml');
    writeFileSync(bad, '<networkport><uuid>');
    const malformed = await cli('net-port-create', 'pm', bad);
    expect(malformed.code).toBe(1);
    expect(errLines(malformed.stderr)[0]).toBe(`error: Failed to create network from ${bad}`);
    const bw = portFile('52:54:00:65:00:2a', "<bandwidth><inbound floor='100'/></bandwidth>");
    const shaped = await cli('net-port-create', 'pm', bw.file);
    expect(shaped.code).toBe(1);
    expect(shaped.stderr).toMatch(
      /Invalid use of 'floor' on interface with MAC address 52:54:00:65:00:2a - network 'pm' has no inbound QoS set/,
    );
    const noMac = portFile('zz:54:00:65:00:2b');
    expect((await cli('net-port-create', 'pm', noMac.file)).stderr).toMatch(
      /Unable to parse MAC 'zz:54:00:65:00:2b'/,
    );
    expect((await cli('net-port-list', 'pm', '--uuid')).stdout).toBe(before);
    expect(existsSync(join(portsDir(), `${bw.uuid}.xml`))).toBe(false);
    expect(errLines((await cli('net-port-dumpxml', 'pm', 'nope')).stderr)[1]).toMatch(
      /'nope' is not a valid port UUID/,
    );
    expect(errLines((await cli('net-port-list', 'nosuch')).stderr)[0]).toBe(
      "error: failed to get network 'nosuch'",
    );
    expect((await cli('net-port-list', 'pmoff')).stderr).toMatch(/network 'pmoff' is not active; start it/);
    const ro = await vnmd.cli(['net-port-create', 'pm', bw.file], { readOnly: true });
    expect(ro.code).toBe(1);
  });

  it('keeps the ports of a running network across a vnmd restart, and drops them when it stops', async () => {
    const before = (await cli('net-port-list', 'pm', '--uuid')).stdout;
    expect(before.trim()).not.toBe('');
    // A live-only change is kept in the runtime status, so it outlives the restart too.
    expect((await cli('net-desc', 'pm', '--live', 'Kept while running')).code).toBe(0);
    await vnmd.kill();
    vnmd = await startVnmd(sb.host, { dirs: vnmd.dirs });
    expect((await cli('net-port-list', 'pm', '--uuid')).stdout).toBe(before);
    expect((await cli('net-desc', 'pm')).stdout).toBe('Kept while running\n');
    expect((await cli('net-destroy', 'pm')).code).toBe(0);
    expect((await cli('net-start', 'pm')).code).toBe(0);
    expect((await cli('net-port-list', 'pm', '--uuid')).stdout).toBe('\n');
    expect(existsSync(portsDir())).toBe(false);
    expect((await cli('net-desc', 'pm')).stdout).toBe('No description for network: pm\n');
  }, 60_000);
});

describe('net-desc', () => {
  const stored = () => readFileSync(join(vnmd.dirs.configDir, 'pm.xml'), 'utf8');

  it('sets the description in the stored definition only with --config', async () => {
    expect((await cli('net-desc', 'pm')).stdout).toBe('No description for network: pm\n');
    const set = await cli('net-desc', 'pm', '--config', '--new-desc', 'Lab network');
    expect(set).toMatchObject({ code: 0, stdout: 'Network description updated successfully\n' });
    expect((await cli('net-desc', 'pm')).stdout).toBe('No description for network: pm\n');
    expect((await cli('net-desc', 'pm', '--config')).stdout).toBe('Lab network\n');
    expect(stored()).toContain('  <description>Lab network</description>\n');
    expect((await cli('net-dumpxml', 'pm', '--inactive')).stdout).toMatch(
      /<\/uuid>\n {2}<description>Lab network/,
    );
  });

  it('edits the description in $EDITOR with --edit, and says so when nothing changed', async () => {
    const edit = (editor: string) =>
      vnmd.cli(['net-desc', 'pm', '--config', '--edit'], { env: { EDITOR: editor, VISUAL: '' } });
    expect((await edit('sed -i s/Lab/Edited/')).stdout).toBe('Network description updated successfully\n');
    expect((await cli('net-desc', 'pm', '--config')).stdout).toBe('Edited network\n');
    expect((await edit('true')).stdout).toBe('Network description not changed\n\n');
    expect(stored()).toContain('  <description>Edited network</description>\n');
  });

  it('sets the title of the running network with --live, and keeps the stored one as it was', async () => {
    const set = await cli('net-desc', 'pm', '--live', '--title', 'Running lab');
    expect(set.stdout).toBe('Network title updated successfully\n');
    expect((await cli('net-desc', 'pm', '--title')).stdout).toBe('Running lab\n');
    expect((await cli('net-dumpxml', 'pm')).stdout).toContain('  <title>Running lab</title>\n');
    expect(stored()).not.toContain('<title>');
  });

  it('refuses as virsh and libvirt do, changing nothing', async () => {
    const before = stored();
    const both = await cli('net-desc', 'pm', '--current', '--live');
    expect(errLines(both.stderr)).toEqual(['error: Options --current and --live are mutually exclusive']);
    const newline = await cli('net-desc', 'pm', '--config', '--title', 'two\nlines');
    expect(errLines(newline.stderr)[0]).toBe('error: Failed to set new network title');
    expect(newline.stderr).toMatch(/metadata title can't contain newlines/);
    expect((await cli('net-desc', 'pmoff', '--live')).stderr).toMatch(/network is not running/);
    expect(errLines((await cli('net-desc', 'nosuch')).stderr)[0]).toBe(
      "error: failed to get network 'nosuch'",
    );
    expect(stored()).toBe(before);
  });
});

describe('net-metadata', () => {
  const URI = 'http://app.example/';
  const get = (...flags: string[]) => cli('net-metadata', 'pm', URI, ...flags);

  it('sets an element in the stored definition, in its key, and reads it back without', async () => {
    const set = await get('--config', '--key', 'app', '--set', '<cfg><owner>ops</owner></cfg>');
    expect(set).toMatchObject({ code: 0, stdout: 'Metadata modified\n\n' });
    expect((await get('--config')).stdout).toBe('<cfg>\n  <owner>ops</owner>\n</cfg>\n\n');
    expect((await cli('net-dumpxml', 'pm', '--inactive')).stdout).toContain(
      '  <metadata>\n    <app:cfg xmlns:app="http://app.example/">\n      <app:owner>ops</app:owner>\n',
    );
    const live = await get();
    expect(live.code).toBe(1);
    expect(errLines(live.stderr)[0]).toBe(
      'error: metadata not found: Requested metadata element is not present',
    );
  });

  it('sets and removes an element of the running network with --live', async () => {
    expect((await get('--live', '--key', 'a', '--set', '<run n="1"/>')).stdout).toBe('Metadata modified\n\n');
    expect((await get()).stdout).toBe('<run n="1"/>\n\n');
    expect((await cli('net-dumpxml', 'pm')).stdout).toContain('<a:run xmlns:a="http://app.example/" n="1"/>');
    expect((await get('--live', '--remove')).stdout).toBe('Metadata removed\n\n');
    expect((await get('--live')).code).toBe(1);
    expect((await get('--config')).code).toBe(0);
  });

  it('refuses a missing key and XML that is not well-formed, changing nothing', async () => {
    const before = (await cli('net-dumpxml', 'pm', '--inactive')).stdout;
    expect(errLines((await get('--config', '--set', '<x/>')).stderr)).toEqual([
      'error: namespace key is required when modifying metadata',
    ]);
    const bad = await get('--config', '--key', 'k', '--set', '<x>');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/metadata_xml/);
    expect((await cli('net-dumpxml', 'pm', '--inactive')).stdout).toBe(before);
  });
});
