import { describe, expect, it } from 'vitest';
import { ovnConfig } from '../ovn/config';
import type { OvnStatsFound, OvnStatsNet } from './ovn-stats-source';
import { OvnStatsPorts, REFRESH_MS } from './ovn-stats-source';

const NETS: OvnStatsNet[] = [{ uuid: 'u1', cfg: ovnConfig({}) }];
const PORT = { interface: 'gp1', mac: '52:54:00:00:00:01', ip: '10.20.0.100' };

/** A search the test ends by hand (the real one runs ovs-vsctl and ovn-nbctl: see the OVN integration tests). */
function searches() {
  const pending: { resolve: (f: OvnStatsFound) => void; reject: (e: Error) => void }[] = [];
  const find = () => new Promise<OvnStatsFound>((resolve, reject) => pending.push({ resolve, reject }));
  return { pending, find };
}

const found = (ports: (typeof PORT)[], stamp = 'p1 up'): OvnStatsFound => ({
  host: 'host-a',
  byNetwork: new Map([['u1', ports]]),
  leaseStamps: new Map([['u1', stamp]]),
});

const flush = () => new Promise((r) => setImmediate(r));

describe("the OVN networks' ports for the sampler", () => {
  it('searches when first asked, when interfaces changed and each period, one search at a time', async () => {
    let now = 0;
    const s = searches();
    const src = new OvnStatsPorts({
      networks: () => NETS,
      log: () => undefined,
      now: () => now,
      find: s.find,
    });
    expect(src.ports('u1', false)).toEqual([]);
    expect(src.ports('u1', true)).toEqual([]);
    expect(s.pending).toHaveLength(1); // the second ask joined the running search
    s.pending[0]!.resolve(found([PORT]));
    await flush();
    expect(src.ports('u1', false)).toEqual([PORT]);
    expect(src.hostname()).toBe('host-a');
    expect(s.pending).toHaveLength(1); // found, steady: no new search
    src.ports('u1', true);
    expect(s.pending).toHaveLength(2);
    s.pending[1]!.resolve(found([PORT]));
    await flush();
    now += REFRESH_MS;
    src.ports('u1', false);
    expect(s.pending).toHaveLength(3);
  });

  it('keeps the last ports when a search fails, and says so once until one succeeds', async () => {
    const now = 0;
    const logged: string[] = [];
    const s = searches();
    const src = new OvnStatsPorts({
      networks: () => NETS,
      log: (m) => logged.push(m),
      now: () => now,
      find: s.find,
    });
    src.ports('u1', false);
    s.pending[0]!.resolve(found([PORT]));
    await flush();
    for (let i = 1; i <= 2; i++) {
      src.ports('u1', true);
      s.pending[i]!.reject(new Error('the control plane is unreachable'));
      await flush();
    }
    expect(src.ports('u1', false)).toEqual([PORT]);
    expect(logged).toEqual([
      "stats: cannot list the OVN networks' ports on this host: the control plane is unreachable",
    ]);
  });

  it('waits for the period, not the next tick, after failing to find a new network', async () => {
    const now = 0;
    const s = searches();
    const src = new OvnStatsPorts({
      networks: () => NETS,
      log: () => undefined,
      now: () => now,
      find: s.find,
    });
    src.ports('u1', false);
    s.pending[0]!.reject(new Error('down'));
    await flush();
    src.ports('u1', false);
    expect(s.pending).toHaveLength(1);
  });
});

describe('leases of OVN networks', () => {
  it('are announced when a search sees them change, and at the first look only when there are guests', async () => {
    let now = 0;
    const changed: string[] = [];
    const s = searches();
    const src = new OvnStatsPorts({
      networks: () => NETS,
      log: () => undefined,
      now: () => now,
      find: s.find,
      onLeasesChanged: (uuid) => changed.push(uuid),
    });
    for (const [i, stamp] of ['', '', 'a', 'a', 'b'].entries()) {
      src.ports('u1', true);
      s.pending[i]!.resolve(found([PORT], stamp));
      await flush();
      now += REFRESH_MS;
    }
    expect(changed).toEqual(['u1', 'u1']);
    const first: string[] = [];
    const s2 = searches();
    const src2 = new OvnStatsPorts({
      networks: () => NETS,
      log: () => undefined,
      find: s2.find,
      onLeasesChanged: (uuid) => first.push(uuid),
    });
    src2.ports('u1', false);
    s2.pending[0]!.resolve(found([PORT], 'p1 bound'));
    await flush();
    expect(first).toEqual(['u1']);
  });
});
