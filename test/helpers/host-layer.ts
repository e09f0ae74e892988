/**
 * vnmd's host layer, called inside a test namespace through a runner, with the types of
 * the real modules.
 */
import { remote, startRunner, type NsRunner, type Remote } from './runner';
import type { TestNetns } from './netns';

type Links = typeof import('./ns-links');
type Sysctl = typeof import('../../electron/helper/bridge/sysctl');
type Routes = typeof import('../../electron/helper/bridge/routes');
type Firewall = typeof import('./ns-firewall');
type Host = typeof import('../../electron/helper/host/index');

export interface HostLayer {
  readonly runner: NsRunner;
  readonly links: Remote<Links>;
  readonly sysctl: Remote<Sysctl>;
  readonly routes: Remote<Routes>;
  readonly firewall: Remote<Firewall>;
  readonly host: Remote<Host>;
}

export async function startHostLayer(ns: TestNetns): Promise<HostLayer> {
  const runner = await startRunner(ns);
  return {
    runner,
    links: remote<Links>(runner, 'test/helpers/ns-links.ts'),
    sysctl: remote<Sysctl>(runner, 'electron/helper/bridge/sysctl.ts'),
    routes: remote<Routes>(runner, 'electron/helper/bridge/routes.ts'),
    firewall: remote<Firewall>(runner, 'test/helpers/ns-firewall.ts'),
    host: remote<Host>(runner, 'electron/helper/host/index.ts'),
  };
}

/** A network's bridge as vnmd sets it up: created, addressed, up. */
export async function setUpBridge(
  layer: HostLayer,
  bridge: string,
  addresses: readonly string[],
): Promise<void> {
  await layer.links.createBridge({ name: bridge, stp: false, delayCs: 0 });
  for (const a of addresses) await layer.links.addAddress(bridge, a);
  await layer.links.setLinkUp(bridge);
}
