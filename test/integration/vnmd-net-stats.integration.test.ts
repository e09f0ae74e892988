/**
 * `vnm net-stats` against a real vnmd in a sandbox host: a guest on a running network pings
 * the bridge, and the CLI's JSON lines follow the contract, move forward in time and count
 * the guest's bytes; the table names the guest's port; net-event --event stats prints a
 * sample; the read-only socket refuses --interval with a reason; a network that is not
 * running, or stops while watched, ends the command as the issue says.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { StatsSample } from '../../shared/rpc/contract';
import type { VnmClient } from '../../electron/client/client';
import { createGuest, type Guest } from '../helpers/guest';
import type { Sandbox } from '../helpers/sandbox';
import { canPing } from '../helpers/traffic';
import { cliBundle, type Vnmd } from '../helpers/vnmd';
import { setUpVnmdSandbox } from '../helpers/vnmd-sandbox';

const netXml = (name: string, bridge: string, third: number) =>
  `<network><name>${name}</name><bridge name='${bridge}' stp='off'/>` +
  `<ip address='10.62.${third}.1' prefix='24'/></network>`;

let sb: Sandbox | undefined;
let vnmd: Vnmd | undefined;
let client: VnmClient | undefined;
let guest: Guest;
let pinger: ChildProcess | undefined;

setUpVnmdSandbox('nst', async (s) => {
  ({ sb, vnmd, client } = s);
  await client.call('network.create', { xml: netXml('nst', 'vnmnst0', 0) });
  await client.call('network.define', { xml: netXml('idle', 'vnmnst1', 1) });
  guest = await createGuest(sb.host, 'vnmnst0', { address: '10.62.0.10/24' });
  await waitForPing(guest, '10.62.0.1');
  // Steady traffic from the guest into its port for the whole file (5 pings a second).
  pinger = guest.ns.spawn('ping', ['-n', '-q', '-i', '0.2', '10.62.0.1']);
});

afterAll(() => {
  pinger?.kill('SIGKILL');
});

/** Until the port forwards (and so the bridge sees the guest's frames), for at most 10 s. */
async function waitForPing(g: Guest, to: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await canPing(g.ns, to))) {
    if (Date.now() > deadline) throw new Error(`the guest cannot ping ${to} within 10 s`);
  }
}

/** The JSON lines of stdout; each must be a whole object on its own line. */
function jsonLines(stdout: string): Record<string, unknown>[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('vnm net-stats', () => {
  it('--json --count 3 prints three samples of the contract, later and larger each time', async () => {
    const r = await vnmd!.cli(['net-stats', 'nst', '--json', '--count', '3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const raw = jsonLines(r.stdout);
    expect(raw).toHaveLength(3);
    expect(Object.keys(raw[0]!)).toEqual(['network', 'time', 'interval', 'bridge', 'ports', 'total']);
    const samples = raw.map((l) => StatsSample.parse(l));
    expect(samples.every((s) => s.network === 'nst' && s.bridge.name === 'vnmnst0')).toBe(true);
    for (let i = 1; i < samples.length; i++) {
      const [a, b] = [samples[i - 1]!, samples[i]!];
      expect(b.time).toBeGreaterThan(a.time);
      const portA = a.ports.find((p) => p.name === guest.port);
      const portB = b.ports.find((p) => p.name === guest.port);
      // rx on a port is what its guest sent: the pings.
      expect(portB!.rxBytes).toBeGreaterThan(portA!.rxBytes);
      expect(b.bridge.rxBytes).toBeGreaterThan(a.bridge.rxBytes);
      expect(b.total.rxBytes).toBeGreaterThan(a.total.rxBytes);
    }
    const last = samples.at(-1)!.ports.find((p) => p.name === guest.port)!;
    expect(last.mac).toBe(guest.mac);
    expect(last.rxBytesPerSec).toBeGreaterThan(0);
  });

  it('--interval sets the sampling interval the samples then carry', async () => {
    const before = (await client!.call('host.info', {})).statsInterval;
    const r = await vnmd!.cli(['net-stats', 'nst', '--json', '--count', '3', '--interval', '0.5']);
    // The change reaches every client, so the CLI says so, on stderr in --json mode.
    expect(r.stderr).toBe(
      `note: vnmd now samples every 0.5 s (it was every ${before} s), for every network and every client, the window included\n`,
    );
    expect(r.code).toBe(0);
    const samples = jsonLines(r.stdout).map((l) => StatsSample.parse(l));
    expect(samples.map((s) => s.interval)).toEqual([0.5, 0.5, 0.5]);
    const gaps = samples.slice(1).map((s, i) => s.time - samples[i]!.time);
    for (const gap of gaps) expect(gap).toBeLessThan(900);
    expect((await client!.call('host.info', {})).statsInterval).toBe(0.5);
  });

  it('prints a table with the guest port, the bridge and the total', async () => {
    const r = await vnmd!.cli(['net-stats', 'nst', '--count', '2']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^rx\/tx as each interface counts them/gm)).toHaveLength(1);
    expect(r.stdout.match(/^network nst at \d\d:\d\d:\d\d, every 0\.5 s$/gm)).toHaveLength(2);
    const portRow = new RegExp(`^ ${guest.port} +${guest.mac} +- +- +[\\d.]+ k?bit/s `, 'm');
    expect(r.stdout).toMatch(portRow);
    expect(r.stdout).toMatch(/^ vnmnst0 +- +- +- +/m);
    expect(r.stdout).toMatch(/^ total {2,}[\d.]+ k?bit\/s/m);
    expect(r.stdout.endsWith('\n\n')).toBe(true);
  });

  it('reads on the read-only socket, but refuses --interval there with a reason', async () => {
    const ok = await vnmd!.cli(['net-stats', 'nst', '--json', '--count', '1'], { readOnly: true });
    expect(ok.code).toBe(0);
    expect(StatsSample.parse(JSON.parse(ok.stdout)).network).toBe('nst');
    const r = await vnmd!.cli(['net-stats', 'nst', '--interval', '2'], { readOnly: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('\n'); // virsh's closing blank line, printed after a failure too
    expect(r.stderr).toBe(
      'error: --interval changes vnmd and is refused on the read-only socket: ' +
        'drop --interval, or connect to the read-write socket (without -r)\n',
    );
  });

  it('refuses a network that is not running, or does not exist, and bad values', async () => {
    const idle = await vnmd!.cli(['net-stats', 'idle', '--json']);
    expect([idle.code, idle.stdout, idle.stderr]).toEqual([1, '', 'error: network idle is not active\n']);
    const none = await vnmd!.cli(['net-stats', 'nope']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^error: failed to get network 'nope'\nerror: Network not found/);
    const bad = await vnmd!.cli(['net-stats', 'nst', '--count', '0']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe("error: count '0' is not valid: give a whole number of samples, 1 or more\n");
  });

  it('net-event --event stats prints the next sample of the network', async () => {
    const r = await vnmd!.cli(['net-event', 'nst', '--event', 'stats', '--timeout', '10']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^event 'stats' for network nst: 1 port\(s\), rx [\d.]+ k?bit\/s, tx [\d.]+ k?bit\/s\nevents received: 1\n\n$/,
    );
    const bad = await vnmd!.cli(['net-event', '--event', 'reboot']);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      'error: unknown event type reboot\nerror: give one of lifecycle, stats, leases, interfaces, findings\n',
    ]);
  });

  it('ends with exit 0 and a notice when the watched network stops', async () => {
    await client!.call('network.create', { xml: netXml('brief', 'vnmnst2', 2) });
    const cli = await cliBundle();
    const args = [cli, '-c', `unix:${vnmd!.dirs.socket}`, 'net-stats', 'brief', '--json'];
    const child = sb!.host.spawn('node', args);
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((res) => child.once('close', (code) => res(code)));
    // Stop the network only once the CLI has printed a sample: it is subscribed by then.
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`no sample within 10 s: ${stderr}`)), 10_000);
      child.stdout?.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (!stdout.includes('\n')) return;
        clearTimeout(timer);
        res();
      });
    });
    await client!.call('network.destroy', { network: 'brief' });
    expect(await exited).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.every((l) => StatsSample.parse(l).network === 'brief')).toBe(true);
    expect(stderr).toBe(`network brief stopped after ${lines.length} sample(s)\n`);
  });
});
