import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import { definitionsDiffer, planLiveApply } from '../update/live-apply-plan';
import { formatNetworkXml } from './format-network';
import { withLiveFacts, withoutLiveFacts } from './live-facts';
import { parseNetworkXml } from './parse-network';

const def = (xml: string): NetworkDef => {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return r.def;
};

const NAT = def(`<network>
  <name>lab</name>
  <uuid>0c0c0c0c-1111-4222-8333-444444444444</uuid>
  <forward mode='nat'/>
  <bridge name='virbr3' stp='on' delay='0'/>
  <mac address='52:54:00:0a:0b:0c'/>
  <ip address='10.60.0.1' prefix='24'>
    <dhcp>
      <range start='10.60.0.10' end='10.60.0.20'/>
    </dhcp>
  </ip>
</network>
`);

const live = (d: NetworkDef, n: number) => formatNetworkXml(withLiveFacts(d, n), { live: true });

describe('live XML of a running network', () => {
  it("shows NAT's default port range and the number of connections, as libvirt 9.0", () => {
    const xml = live(NAT, 2);
    expect(xml).toMatch(/^<network connections='2'>\n/);
    expect(xml).toContain(
      "  <forward mode='nat'>\n    <nat>\n      <port start='1024' end='65535'/>\n    </nat>\n  </forward>\n",
    );
  });

  it('says nothing of connections when there are none', () => {
    expect(live(NAT, 0)).toMatch(/^<network>\n/);
  });

  it('keeps a port range the definition names, and adds none to other modes', () => {
    const own = def(formatNetworkXml(NAT).replace("<forward mode='nat'/>", FORWARD_2000));
    expect(live(own, 0)).toContain("<port start='2000' end='3000'/>");
    const routed = def(formatNetworkXml(NAT).replace("mode='nat'", "mode='route'"));
    expect(live(routed, 0)).not.toContain('<nat>');
  });

  it('never shows the live facts in the saved form', () => {
    expect(formatNetworkXml(withLiveFacts(NAT, 3))).not.toContain('connections');
  });
});

const FORWARD_2000 = "<forward mode='nat'><nat><port start='2000' end='3000'/></nat></forward>";

describe('the window compares without the live facts', () => {
  const read = (d: NetworkDef, n: number) => def(live(d, n));

  it('takes them out when the saved definition names no port range', () => {
    expect(formatNetworkXml(withoutLiveFacts(read(NAT, 4), NAT))).toBe(formatNetworkXml(NAT));
  });

  it('is no saved change and no live operation', () => {
    expect(definitionsDiffer(read(NAT, 1), NAT)).toBe(false);
    expect(planLiveApply(read(NAT, 1), NAT)).toEqual({ ops: [], restartFor: [] });
  });

  it('keeps a range the saved definition names as its own', () => {
    const saved = def(formatNetworkXml(NAT).replace("<forward mode='nat'/>", FORWARD_DEFAULT));
    expect(definitionsDiffer(read(saved, 0), saved)).toBe(false);
    expect(formatNetworkXml(withoutLiveFacts(read(saved, 0), saved))).toContain("<port start='1024'");
  });

  it('still sees a real change beside them', () => {
    const next = def(formatNetworkXml(NAT).replace('virbr3', 'virbr4'));
    expect(planLiveApply(read(NAT, 1), next).restartFor).toEqual(['the bridge']);
  });
});

const FORWARD_DEFAULT = "<forward mode='nat'><nat><port start='1024' end='65535'/></nat></forward>";
