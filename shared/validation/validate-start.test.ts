import { describe, expect, it } from 'vitest';
import type { NetworkDef } from '../model/network';
import { parseNetworkXml } from '../xml/parse-network';
import { fillDefineDefaults } from './define-defaults';
import { bridgeNameProblem, validateForStart } from './validate-start';

function def(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.def;
}

const start = (xml: string): string[] => validateForStart(def(xml)).map((e) => `${e.kind}: ${e.message}`);

describe('validateForStart', () => {
  it('accepts a plain NAT network', () => {
    expect(
      start(
        "<network><name>n</name><forward/><bridge name='virbr0'/><ip address='10.0.0.1' prefix='24'/></network>",
      ),
    ).toEqual([]);
  });

  it('refuses a bridge name Linux cannot create', () => {
    expect(
      start("<network><name>n</name><bridge name='virbr-name-is-too-long-for-linux'/></network>"),
    ).toEqual([
      expect.stringMatching(
        /^invalid: error creating bridge interface virbr-name-is-too-long-for-linux: the name is 32 characters long, Linux allows at most 15 \(Numerical result out of range\)/,
      ),
    ]);
    expect(bridgeNameProblem('virbr0')).toBeUndefined();
    expect(bridgeNameProblem('x'.repeat(15))).toBeUndefined();
    expect(bridgeNameProblem('a b')).toMatch(/blanks/);
    expect(bridgeNameProblem('a:b')).toMatch(/':'/);
  });

  it('refuses a non-contiguous netmask, naming the bridge', () => {
    expect(
      start(
        "<network><name>n</name><bridge name='virbr3'/><ip address='192.168.150.1' netmask='255.0.255.0'/></network>",
      ),
    ).toEqual([
      expect.stringMatching(/Invalid prefix or netmask for 'virbr3': netmask 255.0.255.0 is not contiguous/),
    ]);
  });

  it('says firewalld zones are not supported', () => {
    const found = validateForStart(
      def("<network><name>local</name><bridge name='virbr1' zone='myzone'/></network>"),
    );
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'unsupported',
        message: expect.stringMatching(
          /zone myzone requested for network local but firewalld is not active/,
        ) as unknown,
      }),
    ]);
  });

  it('refuses localPtr on a prefix with no reverse zone', () => {
    expect(
      start("<network><name>n</name><ip address='10.0.0.1' prefix='20' localPtr='yes'/></network>"),
    ).toEqual([
      expect.stringMatching(/PTR domain for IPv4 network with prefix 20 cannot be automatically created/),
    ]);
  });

  it('refuses an MTU Linux cannot set', () => {
    expect(start("<network><name>n</name><mtu size='70000'/></network>")).toEqual([
      expect.stringMatching(/MTU 70000 .* use 68 to 65535/),
    ]);
  });

  it.each([
    ["<forward mode='hostdev'><pf dev='eth0'/></forward>", /forward mode='hostdev'/],
    ["<forward mode='passthrough'><interface dev='eth0'/></forward>", /forward mode='passthrough'/],
    ["<forward mode='bridge'><interface dev='eth0'/></forward>", /macvtap on 'eth0'/],
    ["<forward mode='bridge'/><bridge name='ovs0'/><virtualport type='openvswitch'/>", /Open vSwitch/],
  ])('marks what vnm cannot run as unsupported: %s', (body, pattern) => {
    const found = validateForStart(def(`<network><name>n</name>${body}</network>`));
    expect(found).toEqual([
      expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(pattern) as unknown }),
    ]);
  });

  it('refuses a bridge-mode network with nothing to attach to', () => {
    expect(start("<network><name>n</name><forward mode='bridge'/></network>")).toEqual([
      expect.stringMatching(/^invalid: .*neither a <bridge name/),
    ]);
  });
});

describe('fillDefineDefaults', () => {
  const gen = {
    uuid: () => 'u-1',
    mac: () => '52:54:00:01:02:03',
    takenBridges: new Set(['virbr0', 'virbr1', 'virbr2', 'virbr3', 'virbr4', 'virbr5', 'virbr6']),
  };

  it('fills uuid, bridge name and MAC for managed networks', () => {
    const filled = fillDefineDefaults(
      def("<network><name>n</name><forward/><bridge stp='off'/><ip address='10.0.0.1'/></network>"),
      gen,
    );
    expect(filled).toMatchObject({
      uuid: 'u-1',
      bridge: { name: 'virbr7', stp: 'no' },
      mac: '52:54:00:01:02:03',
    });
  });

  it('keeps given values and leaves unmanaged networks without bridge or MAC', () => {
    const given = fillDefineDefaults(
      def(
        "<network><name>n</name><uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid><bridge name='br9'/><mac address='52:54:00:aa:aa:aa'/></network>",
      ),
      gen,
    );
    expect(given).toMatchObject({
      uuid: '3e3fce45-4f53-4fa7-bb32-11f34168b82b',
      bridge: { name: 'br9' },
      mac: '52:54:00:aa:aa:aa',
    });
    const direct = fillDefineDefaults(
      def("<network><name>d</name><forward mode='bridge'><interface dev='e'/></forward></network>"),
      gen,
    );
    expect(direct.bridge).toBeUndefined();
    expect(direct.mac).toBeUndefined();
  });
});
