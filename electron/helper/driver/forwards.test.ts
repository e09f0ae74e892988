import { describe, expect, it } from 'vitest';
import type { PortForward } from '../../../shared/model/port-forward';
import { VnmError } from '../../../shared/rpc/errors';
import { newEntry } from './driver';
import { checkDefinitionForwards, planAddForward, planRemoveForward } from './forwards';
import { NetworkTable } from './table';
import { parseDefinition } from './xml';

const def = (name: string, third: number, mode = "<forward mode='nat'/>") =>
  parseDefinition(
    `<network><name>${name}</name><uuid>00000000-0000-4000-8000-00000000000${third}</uuid>${mode}<bridge name='vnm${name}'/><ip address='10.9.${third}.1' prefix='24'/></network>`,
  );

const web: PortForward = {
  protocol: 'tcp',
  hostAddress: '198.51.100.2',
  hostPort: { start: 8080, end: 8080 },
  guestAddress: '10.9.1.10',
  guestPort: { start: 80, end: 80 },
};

function table(running: boolean) {
  const t = new NetworkTable();
  const a = def('a', 1);
  t.set(newEntry(a, a, running ? ({ bridge: 'vnma' } as never) : null));
  // b is stopped and claims tcp+udp 9000 on every host address in its stored definition.
  const clash = {
    ...web,
    hostAddress: undefined,
    guestAddress: '10.9.2.10',
    hostPort: { start: 9000, end: 9000 },
  };
  const b = { ...def('b', 2), forwards: [{ ...clash, protocol: 'all' as const, guestPort: clash.hostPort }] };
  t.set(newEntry(b, b, null));
  return t;
}

describe('planAddForward', () => {
  it('changes the live definition of a running network by default, the stored one of a stopped one', () => {
    const running = table(true);
    expect(planAddForward(running.get('a')!, web, { live: false, config: false }, running)).toMatchObject({
      live: { forwards: [web] },
      config: null,
    });
    const stopped = table(false);
    expect(planAddForward(stopped.get('a')!, web, { live: false, config: false }, stopped)).toMatchObject({
      live: null,
      config: { forwards: [web] },
    });
  });

  it('refuses a host port another network claims, naming it, and --live on a stopped network', () => {
    const t = table(false);
    const clash = {
      ...web,
      hostAddress: undefined,
      hostPort: { start: 9000, end: 9000 },
      guestPort: { start: 9000, end: 9000 },
    };
    expect(() => planAddForward(t.get('a')!, clash, { live: false, config: true }, t)).toThrow(/'b'/);
    expect(() => planAddForward(t.get('a')!, web, { live: true, config: false }, t)).toThrow(/use --config/);
  });
});

describe('planRemoveForward', () => {
  it('finds the forward by protocol, first port and host address written any way', () => {
    const t = table(false);
    const e = t.get('a')!;
    e.config = { ...e.config!, forwards: [{ ...web, hostAddress: '2001:DB8:FF:0:0:0:0:2' }] };
    const plan = planRemoveForward(
      e,
      { protocol: 'tcp', hostPort: 8080, hostAddress: '2001:db8:ff::2' },
      { live: false, config: false },
    );
    expect(plan.config?.forwards).toBeUndefined();
  });

  it('says which forwards there are when none matches', () => {
    const t = table(false);
    const e = t.get('a')!;
    e.config = { ...e.config!, forwards: [web] };
    const err = (() => {
      try {
        planRemoveForward(e, { protocol: 'udp', hostPort: 8080 }, { live: false, config: false });
      } catch (x) {
        return x;
      }
    })();
    expect(err).toBeInstanceOf(VnmError);
    expect((err as VnmError).message).toMatch(
      /no stored port forward udp 8080; it has: tcp 198\.51\.100\.2:8080/,
    );
  });
});

describe('checkDefinitionForwards', () => {
  it('refuses forwards on an isolated network, numbering them', () => {
    const iso = {
      ...def('c', 3, ''),
      forwards: [{ ...web, hostAddress: undefined, guestAddress: '10.9.3.10' }],
    };
    expect(() => checkDefinitionForwards(iso, table(false))).toThrow(/forward 1: /);
  });
});
