import { describe, expect, it } from 'vitest';
import { formatFindings } from './host-findings';

describe('host-findings', () => {
  it('lists host findings with their fix, then networks with where to look', () => {
    const text = formatFindings({
      host: [
        {
          id: 'ipv4-forwarding',
          status: 'fail',
          summary: 'IPv4 forwarding is off.',
          fix: 'sysctl -w net.ipv4.ip_forward=1',
        },
        { id: 'default-route', status: 'warn', summary: 'No default route.', fix: null },
      ],
      networks: [
        { network: 'dg', status: 'fail', check: 'forwarding', summary: 'IP forwarding is off.', failed: 2 },
      ],
      checkedAt: Date.UTC(2026, 11, 5, 21, 0, 0),
    });
    expect(text).toBe(
      'fail  IPv4 forwarding is off.\n' +
        '      fix: sysctl -w net.ipv4.ip_forward=1\n' +
        'warn  No default route.\n' +
        'fail  network dg: IP forwarding is off. (2 checks fail)\n' +
        '      see: vnm net-diagnose dg\n' +
        'Checked at 2026-12-05T21:00:00.000Z.\n',
    );
  });

  it('says so when there is nothing', () => {
    expect(formatFindings({ host: [], networks: [], checkedAt: 0 })).toMatch(/^No findings: /);
  });
});
