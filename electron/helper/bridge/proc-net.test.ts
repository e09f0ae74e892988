import { describe, expect, it } from 'vitest';
import { parseIpv4Routes, parseIpv6Routes } from './proc-net';

describe('/proc/net route parsing', () => {
  it('reads IPv4 routes in host byte order with their prefix', () => {
    const text =
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' +
      'eth0\t00000000\t0164A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n' +
      'virbr0\t007AA8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n';
    expect(parseIpv4Routes(text)).toEqual([
      { dst: '0.0.0.0/0', dev: 'eth0', family: 4 },
      { dst: '192.168.122.0/24', dev: 'virbr0', family: 4 },
    ]);
  });

  it('reads IPv6 routes with their device', () => {
    const text =
      'fd000000000000000000000000000000 40 00000000000000000000000000000000 00 00000000000000000000000000000000 00000100 00000001 00000000 00000001   virbr1\n';
    expect(parseIpv6Routes(text)).toEqual([{ dst: 'fd00::/64', dev: 'virbr1', family: 6 }]);
  });
});
