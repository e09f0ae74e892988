import { describe, expect, it } from 'vitest';
import { parseNetworkXml } from '../../../shared/xml/parse-network';
import type { NetworkDef } from '../../../shared/model/network';
import { checkApplicable, unapplicableReason } from './unapplicable';

function def(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.def;
}

const NAT = (extra: string, bridge = "<bridge name='virbr9'/>") =>
  `<network><name>n</name><forward mode='nat'/>${bridge}${extra}<ip address='10.9.0.1' prefix='24'/></network>`;

describe('settings vnm cannot apply', () => {
  it("refuses macTableManager='libvirt', saying why and what to do", () => {
    const d = def(NAT('', "<bridge name='virbr9' macTableManager='libvirt'/>"));
    expect(unapplicableReason(d)).toMatch(
      /needs each guest's MAC from its domain XML .* remove macTableManager='libvirt' \(or set it to 'kernel'\)/,
    );
    expect(() => checkApplicable(d)).toThrow(/macTableManager='libvirt'/);
  });

  it("refuses <port isolated='yes'/> on a host bridge only", () => {
    const hostBridge = def(
      "<network><name>hb</name><forward mode='bridge'/><bridge name='br0'/><port isolated='yes'/></network>",
    );
    expect(unapplicableReason(hostBridge)).toMatch(
      /host bridge 'br0', where vnm cannot tell guest ports from the uplink/,
    );
    expect(unapplicableReason(def(NAT("<port isolated='yes'/>")))).toBeNull();
  });

  it("lets through what vnm applies: macTableManager='kernel', isolated='no' and neither", () => {
    expect(unapplicableReason(def(NAT('', "<bridge name='virbr9' macTableManager='kernel'/>")))).toBeNull();
    const noIso =
      "<network><name>hb</name><forward mode='bridge'/><bridge name='br0'/><port isolated='no'/></network>";
    expect(unapplicableReason(def(noIso))).toBeNull();
    expect(unapplicableReason(def(NAT('')))).toBeNull();
  });

  it('lets a network-wide <bandwidth> limit through: vnmd shapes it with tc', () => {
    const limited = def(NAT("<bandwidth><inbound average='1000'/></bandwidth>"));
    expect(unapplicableReason(limited)).toBeNull();
    const out = def(NAT("<bandwidth><outbound average='10' peak='20' burst='5'/></bandwidth>"));
    expect(unapplicableReason(out)).toBeNull();
    expect(unapplicableReason(def(NAT('<bandwidth/>')))).toBeNull();
  });

  it('refuses a floor, and a limit on a host bridge vnm does not own', () => {
    const floor: NetworkDef = { ...def(NAT('')), bandwidth: { inbound: { average: 100, floor: 50 } } };
    expect(unapplicableReason(floor)).toMatch(
      /<bandwidth> floor: floor attribute is not supported .* give it to the port's <bandwidth>/,
    );
    const hb = def(
      "<network><name>hb</name><forward mode='bridge'/><bridge name='br0'/><bandwidth><inbound average='100'/></bandwidth></network>",
    );
    expect(unapplicableReason(hb)).toMatch(/host bridge 'br0', which vnm does not own/);
  });
});
