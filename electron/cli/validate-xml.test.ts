import { describe, expect, it } from 'vitest';
import { checkAgainstSchema } from './validate-xml';

const net = (inner: string) =>
  `<network><name>v</name>${inner}<ip address='10.7.0.1' prefix='24'><dhcp><range start='10.7.0.2' end='10.7.0.9'/></dhcp></ip></network>`;

describe('net-define --validate', () => {
  it('passes a definition the schema knows', () => {
    expect(() =>
      checkAgainstSchema(net("<forward mode='nat'/><bridge name='v0' stp='on' delay='0'/>")),
    ).not.toThrow();
  });

  it('refuses an element the schema does not know, naming it', () => {
    expect(() => checkAgainstSchema(net('<bogus/>'))).toThrow(
      /^XML document failed to validate against schema: element <bogus> in <network> is not in it$/,
    );
  });

  it('refuses an unknown attribute', () => {
    expect(() => checkAgainstSchema(net("<bridge name='v0' colour='red'/>"))).toThrow(
      /attribute 'colour' of <bridge>/,
    );
  });

  it('refuses XML that is not well formed', () => {
    expect(() => checkAgainstSchema('<network><name>v</name>')).toThrow(/failed to validate against schema/);
  });
});
