import { describe, expect, it } from 'vitest';
import { parseDhcpHost, parseDhcpRange, parseDnsHost } from './update-parse';

describe('net-update fragments with short IPv4 forms, as libvirt reads them', () => {
  it('normalise DHCP hosts, ranges and DNS hosts to dotted quads', () => {
    expect(parseDhcpHost("<host mac='52:54:00:00:00:01' ip='10.1.9'/>").ip).toBe('10.1.0.9');
    expect(parseDhcpRange("<range start='10.1.100' end='10.1.0x80'/>")).toEqual({
      start: '10.1.0.100',
      end: '10.1.0.128',
    });
    expect(parseDnsHost("<host ip='10.1.7'><hostname>h</hostname></host>").ip).toBe('10.1.0.7');
  });

  it('leave what is not an address for the validation to name', () => {
    expect(parseDnsHost("<host ip='bogus'><hostname>h</hostname></host>").ip).toBe('bogus');
  });
});
