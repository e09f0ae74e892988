import { describe, expect, it } from 'vitest';
import { proposalXml, proposeName } from './proposal';

describe('Add network proposal', () => {
  it('proposes network, network1, … skipping names in use', () => {
    expect(proposeName([])).toBe('network');
    expect(proposeName(['network', 'network1', 'default'])).toBe('network2');
  });

  it('puts the gateway first and DHCP on the upper half of the subnet', () => {
    const xml = proposalXml('n', '10.20.0.0/16');
    expect(xml).toContain("<ip address='10.20.0.1' prefix='16'>");
    expect(xml).toContain("<range start='10.20.128.0' end='10.20.255.254'/>");
    expect(proposalXml('n', '192.168.100.0/24')).toContain("start='192.168.100.128' end='192.168.100.254'");
  });
});
