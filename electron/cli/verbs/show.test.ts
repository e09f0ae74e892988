import { describe, expect, it } from 'vitest';
import type { Lease, NetworkInfo, NetworkProblem } from '../../../shared/rpc/contract';
import { formatLeases, formatNetInfo } from './show';

const info = {
  name: 'dg',
  uuid: '8f1c0d6e-1111-4222-8333-944455566677',
  active: true,
  persistent: true,
  autostart: false,
  bridge: 'vnmdg',
  problem: null,
} as unknown as NetworkInfo;
const problem = (summary: string): NetworkProblem => ({
  network: 'dg',
  status: 'fail',
  check: 'x',
  summary,
  failed: 1,
});

describe('net-info', () => {
  it('adds a Problem line only when the findings have one for the network', () => {
    expect(formatNetInfo(info)).not.toContain('Problem:');
    expect(formatNetInfo(info, problem('IP forwarding is off.'))).toMatch(
      /^Problem: +IP forwarding is off\.$/m,
    );
  });

  it("says vnmd's own problem once when the finding repeats it", () => {
    const withOwn = { ...info, problem: 'dnsmasq (pid 7) exited; restarting it' } as NetworkInfo;
    const text = formatNetInfo(
      withOwn,
      problem('Network dg runs with a problem: dnsmasq (pid 7) exited; restarting it'),
    );
    expect(text.match(/Problem:/g)).toHaveLength(1);
  });
});

describe('net-dhcp-leases', () => {
  const lease = (mac: string, ip: string, host?: string): Lease => ({
    network: 'span',
    expiry: 0,
    mac,
    protocol: 'ipv4',
    ipPrefix: `${ip}/24`,
    ip,
    hostname: null,
    clientId: null,
    ...(host === undefined ? {} : { host }),
  });

  it("adds a Host column for an OVN network's leases only", () => {
    const ovn = formatLeases([
      lease('52:54:00:00:00:0b', '10.77.0.101', 'host-b'),
      lease('52:54:00:00:00:0a', '10.77.0.100', 'host-a'),
    ]);
    const [head, , first, second] = ovn.split('\n');
    expect(head).toMatch(/Client ID or DUID +Host$/);
    expect(first).toMatch(/52:54:00:00:00:0a .*10\.77\.0\.100\/24 .* host-a$/);
    expect(second).toMatch(/host-b$/);
    expect(formatLeases([lease('52:54:00:00:00:0a', '192.168.122.5')]).split('\n')[0]).toMatch(
      /Client ID or DUID$/,
    );
  });
});
