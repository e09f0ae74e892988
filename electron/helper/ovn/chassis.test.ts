import { describe, expect, it } from 'vitest';
import { chassisFacts } from './chassis';
import { ovnConfig } from './config';

describe('chassis facts', () => {
  it('say at once what is missing on a host where no OVN runs, never waiting for a timeout', async () => {
    const cfg = ovnConfig({
      OVS_RUNDIR: '/nonexistent/vnm-ovs',
      OVN_RUNDIR: '/nonexistent/vnm-ovn',
      OVN_NB_DB: 'unix:/nonexistent/vnm-ovn/ovnnb_db.sock',
    });
    const t0 = performance.now();
    const facts = await chassisFacts(cfg);
    expect(performance.now() - t0).toBeLessThan(4_000);
    expect(facts).toMatchObject({
      ready: false,
      ovsVswitchdPid: null,
      ovnControllerPid: null,
      systemId: null,
    });
    expect(facts.northbound).toMatchObject({
      reachable: false,
      db: 'unix:/nonexistent/vnm-ovn/ovnnb_db.sock',
    });
    expect(facts.problems).toEqual(
      expect.arrayContaining([
        'ovs-vswitchd is not running: start openvswitch-switch',
        expect.stringMatching(
          /Open_vSwitch database \(unix:\/nonexistent\/vnm-ovs\/db.sock\) does not answer/,
        ),
        expect.stringMatching(/northbound database at unix:.* is not there .*control plane is unreachable/),
      ]),
    );
  });
});
