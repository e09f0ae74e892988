import { describe, expect, it } from 'vitest';
import type {
  Counters,
  OvnLocalPorts,
  PortCounters,
  StatsSample,
  VnmEvent,
} from '../../../shared/rpc/contract';
import { FakeBackend } from '../test/fake-backend';
import { withOvnPeers } from './ovn-peer-ports';

const SPAN = '6a1c3f1e-7d1b-4c59-9e8f-19a0c2b1d001';

function counters(name: string, rx = 0, tx = 0): Counters {
  return {
    name,
    rxBytes: rx,
    txBytes: tx,
    rxPackets: 0,
    txPackets: 0,
    rxErrors: 0,
    txErrors: 0,
    rxDropped: 0,
    txDropped: 0,
    rxBytesPerSec: 0,
    txBytesPerSec: 0,
  };
}

function port(name: string, host: string, rx: number): PortCounters {
  return { ...counters(name, rx), mac: null, ip: null, hostname: null, host };
}

function sample(network: string, ports: PortCounters[]): StatsSample {
  const total = counters(
    'total',
    ports.reduce((a, p) => a + p.rxBytes, 0),
  );
  return { network, time: 0, interval: 1, bridge: counters('br-int'), ports, total };
}

function read(time: number, rx: number, extra: Partial<OvnLocalPorts['ports'][0]> = {}): OvnLocalPorts {
  const p = {
    networkUuid: SPAN,
    network: 'span',
    port: 'iface-1',
    interface: 'vnet3',
    mac: '52:54:00:00:00:03',
    ip: '10.88.0.103',
    ...{ rxBytes: rx, txBytes: 0, rxPackets: 0, txPackets: 0 },
    ...{ rxErrors: 0, txErrors: 0, rxDropped: 0, txDropped: 0 },
    ...extra,
  };
  return { host: 'host-b', time, ports: [p] };
}

/** Two backends: A runs span (OVN) and default; B is another chassis; the merged stats events of A. */
function setup() {
  const a = new FakeBackend();
  const b = new FakeBackend();
  a.answers['network.list'] = () => [
    { name: 'span', uuid: SPAN, kind: 'ovn', active: true },
    { name: 'default', uuid: 'd', kind: 'nat', active: true },
  ];
  const reads = [read(1000, 100), read(2000, 2100)];
  b.answers['ovn.localPorts'] = () => reads.shift() ?? read(3000, 2100);
  const view = withOvnPeers(a, () => [b]);
  const got: VnmEvent[] = [];
  view.onEvent((e) => got.push(e));
  const tick = async (seq: number) => {
    a.emit({
      type: 'stats',
      seq,
      samples: [sample('span', [port('vnet0', 'host-a', 10)]), sample('default', [port('vnet1', 'h', 5)])],
    });
    // Let the list and the peer's read answer (fake calls resolve in a microtask or two).
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const last = () => got.at(-1) as Extract<VnmEvent, { type: 'stats' }>;
  return { a, b, tick, last };
}

describe('OVN peers in stats samples', () => {
  it("adds another host's guests of an OVN network, with rates from two reads, and counts them in the total", async () => {
    const { b, tick, last } = setup();
    await tick(1); // learns which networks are OVN
    expect(last().samples[0]!.ports.map((p) => p.name)).toEqual(['vnet0']);
    await tick(2); // host-b is read after this sample is sent…
    await tick(3); // …and its first read shows in this one, without a rate yet
    expect(last().samples[0]!.ports[1]).toMatchObject({ rxBytes: 100, rxBytesPerSec: 0 });
    await tick(4); // the second read: 2000 bytes in 1 s
    const span = last().samples.find((s) => s.network === 'span')!;
    expect(span.ports.map((p) => [p.name, p.host])).toEqual([
      ['vnet0', 'host-a'],
      ['vnet3', 'host-b'],
    ]);
    expect(span.ports[1]).toMatchObject({ rxBytes: 2100, rxBytesPerSec: 2000, ip: '10.88.0.103' });
    expect(span.total.rxBytes).toBe(10 + 2100);
    expect(span.total.rxBytesPerSec).toBe(2000);
    // Only span's UUID is asked for, and a bridge network is left as it came.
    expect(b.calls.at(-1)).toEqual({ method: 'ovn.localPorts', params: { networks: [SPAN] } });
    expect(last().samples.find((s) => s.network === 'default')!.ports).toHaveLength(1);
  });

  it('adds nothing from a peer that is no OVN chassis, and never a port the connection counts itself', async () => {
    const { b, tick, last } = setup();
    b.answers['ovn.localPorts'] = () => {
      throw new Error('no OVS here');
    };
    for (const seq of [1, 2, 3]) await tick(seq);
    expect(last().samples[0]!.ports).toHaveLength(1);
    b.answers['ovn.localPorts'] = () => ({ ...read(4000, 1, { interface: 'vnet0' }), host: 'host-a' });
    for (const seq of [4, 5]) await tick(seq);
    expect(last().samples[0]!.ports.map((p) => p.name)).toEqual(['vnet0']);
  });

  it('lists the OVN networks again after a lifecycle event', async () => {
    const { a, tick } = setup();
    await tick(1);
    await tick(2);
    const lists = () => a.calls.filter((c) => c.method === 'network.list').length;
    expect(lists()).toBe(1);
    a.emit({ type: 'lifecycle', seq: 9, network: 'span', event: 'stopped', detail: null });
    await tick(3);
    expect(lists()).toBe(2);
  });
});
