import { describe, expect, it } from 'vitest';
import { checkDefinable } from './validate';
import { parseDefinition } from './xml';

const withHost = (host: string, ip = "address='10.68.0.1' prefix='24'") =>
  parseDefinition(`<network><name>h</name><ip ${ip}><dhcp>${host}</dhcp></ip></network>`);

describe('checkDefinable', () => {
  it('refuses a static DHCP host outside the subnet of its <ip>, naming both', () => {
    expect(() => checkDefinable(withHost("<host mac='52:54:00:00:00:09' ip='10.69.0.9'/>"))).toThrow(
      /Static DHCP host 52:54:00:00:00:09 has address 10\.69\.0\.9, outside the subnet 10\.68\.0\.0\/24 of its <ip>/,
    );
    const v6 = "family='ipv6' address='fd00:68::1' prefix='64'";
    expect(() =>
      checkDefinable(withHost("<host id='0:3:0:1:0:16:3e:11:22:33' ip='fd00:69::5'/>", v6)),
    ).toThrow(/outside the subnet fd00:68::\/64/);
  });

  it('accepts hosts inside the subnet', () => {
    expect(() => checkDefinable(withHost("<host mac='52:54:00:00:00:09' ip='10.68.0.9'/>"))).not.toThrow();
  });
});
