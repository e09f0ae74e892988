import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../../../shared/model/network';
import { parseNetworkXml } from '../../../shared/xml/parse-network';
import { validateNetworkDef } from '../../../shared/validation/validate-network';
import { registrationAddress, registrationCalls, wantsRegistration } from './register';

function def(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.def;
}

const REGISTERED = `<network><name>r</name><domain name='lab.test' localOnly='yes' register='yes'/>
  <ip address='10.66.0.1' prefix='24'/><ip family='ipv6' address='fd00:66::1' prefix='64'/></network>`;

describe("<domain register='yes'>", () => {
  it('is applied at start with the first address of the network', () => {
    const d = def(REGISTERED);
    expect(wantsRegistration(d)).toBe(true);
    expect(registrationAddress(d)).toBe('10.66.0.1');
  });

  it("calls resolved's SetLinkDNS and SetLinkDomains with a routing-only domain", () => {
    const bus = ['org.freedesktop.resolve1', '/org/freedesktop/resolve1', 'org.freedesktop.resolve1.Manager'];
    expect(registrationCalls(7, '10.66.0.1', 'lab.test')).toEqual([
      ['call', ...bus, 'SetLinkDNS', 'ia(iay)', '7', '1', '2', '4', '10', '66', '0', '1'],
      ['call', ...bus, 'SetLinkDomains', 'ia(sb)', '7', '1', 'lab.test', 'true'],
    ]);
    const v6 = registrationCalls(7, 'fd00:66::1', 'lab.test')[0] ?? [];
    expect(v6.slice(8, 10)).toEqual(['10', '16']);
  });

  it('is not applied when DNS is off or register is not yes', () => {
    expect(wantsRegistration(def(REGISTERED.replace("register='yes'", "register='no'")))).toBe(false);
    expect(wantsRegistration(def(REGISTERED.replace('<ip ', "<dns enable='no'/><ip ")))).toBe(false);
  });

  it('needs localOnly, as libvirt requires, and says why', () => {
    const loop = def(REGISTERED.replace(" localOnly='yes'", ''));
    expect(
      validateNetworkDef(loop)
        .map((e) => e.message)
        .join('\n'),
    ).toMatch(/register='yes' .* requires localOnly='yes'.*loop/);
    expect(validateNetworkDef(def(REGISTERED))).toEqual([]);
  });
});
