/**
 * A sandbox host: a "host" namespace (where vnmd or its modules run) with an uplink to a
 * "wan" namespace beyond it, as a laptop has to its router. Only documentation addresses are
 * used on the uplink, and all traffic stays between these namespaces.
 *
 * The uplink is the demo host's (electron/sandbox/uplink.ts), address plan and all; the
 * tests' bridges and guests (guest.ts) hang below the host.
 */
import { connectUplink, routeFromWan, UPLINK } from '../../electron/sandbox/uplink';
import { createNetns, type TestNetns } from './netns';

// One address plan for the demo host and the tests' sandbox (the tests start no web server).
export { UPLINK };

export interface Sandbox {
  readonly host: TestNetns;
  readonly wan: TestNetns;
  /** Tells the wan how to reach `subnet` (through the host), as an upstream router would be told. */
  routeFromWan(subnet: string): Promise<void>;
  destroy(): Promise<void>;
}

export async function createSandbox(prefix: string): Promise<Sandbox> {
  const host = await createNetns(`${prefix}h`);
  const wan = await createNetns(`${prefix}w`);
  try {
    await connectUplink(host, wan);
  } catch (e) {
    await Promise.all([host.destroy(), wan.destroy()]);
    throw e;
  }
  return {
    host,
    wan,
    routeFromWan: (subnet: string) => routeFromWan(wan, subnet, true),
    async destroy() {
      await Promise.all([host.destroy(), wan.destroy()]);
    },
  };
}
