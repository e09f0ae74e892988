/**
 * A network's port forwards (issue #14), fetched once per version of the network: vnmd's
 * `updated` event (and every other lifecycle event) bumps the version, so a forward added
 * by the CLI or another window shows here without polling.
 */
import type { PortForward } from '@shared/model/port-forward';
import { VnmError } from '@shared/rpc/errors';
import { escapeXmlAttribute } from '@shared/xml/xml-writer';
import { api } from '@/api/vnm-api';
import type { ForwardsEntry, ForwardsSlice, Reservation, Slice } from './types';

export type { ForwardsEntry, ForwardTarget, ForwardsSlice, Reservation } from './types';

/** libvirt's <host> element for net-update's ip-dhcp-host section. */
export function reservationXml(r: Reservation): string {
  const name = r.name ? ` name='${escapeXmlAttribute(r.name)}'` : '';
  return `<host mac='${escapeXmlAttribute(r.mac)}'${name} ip='${escapeXmlAttribute(r.ip)}'/>`;
}

const keyOf = (f: PortForward) => ({
  protocol: f.protocol,
  hostPort: f.hostPort.start,
  ...(f.hostAddress ? { hostAddress: f.hostAddress } : {}),
});

export const createForwardsSlice: Slice<ForwardsSlice> = (set, get) => {
  const inFlight = new Map<string, number>();
  const store = (network: string, entry: ForwardsEntry) =>
    set((s) => ({ forwards: { ...s.forwards, [network]: entry } }));

  /** Whether the stored definition holds this forward: a live-only one is removed live only. */
  const storedHolds = async (network: string, f: PortForward): Promise<boolean> => {
    const { forwards } = await api().listForwards({ name: network, inactive: true });
    const k = keyOf(f);
    return forwards.some(
      (x) =>
        x.protocol === k.protocol &&
        x.hostPort.start === k.hostPort &&
        (x.hostAddress ?? '') === (k.hostAddress ?? ''),
    );
  };

  return {
    forwards: {},
    loadForwards: async (network) => {
      const version = get().versions[network] ?? 0;
      const have = get().forwards[network];
      if (have && have.version === version && have.error === null) return;
      if (inFlight.get(network) === version) return;
      inFlight.set(network, version);
      try {
        const { forwards } = await api().listForwards({ name: network });
        store(network, { forwards, error: null, version });
      } catch (error) {
        // A lost connection keeps the last list; the banner says vnmd is away.
        if (!(error instanceof VnmError && error.kind === 'connection'))
          store(network, { forwards: null, error, version });
      } finally {
        if (inFlight.get(network) === version) inFlight.delete(network);
      }
    },
    addForward: async (network, forward, target, reserve) => {
      const host = reserve
        ? { network, section: 'ip-dhcp-host' as const, xml: reservationXml(reserve), ...target }
        : null;
      if (host) await api().updateNetwork({ ...host, command: 'add-last' });
      try {
        await api().addForward({ name: network, forward, ...target });
      } catch (err) {
        // A refused forward leaves the network as it was: the reservation made for it goes too.
        if (host)
          await api()
            .updateNetwork({ ...host, command: 'delete' })
            .catch(() => undefined);
        throw err;
      }
    },
    removeForward: async (network, forward) => {
      const summary = get().networks.find((n) => n.name === network);
      try {
        const live = summary?.active ?? false;
        const config = (summary?.persistent ?? false) && (await storedHolds(network, forward));
        await api().removeForward({ name: network, ...keyOf(forward), live, config: config || !live });
      } catch (err) {
        get().showError(`Could not remove the port forward from network ${network}`, err);
      }
    },
  };
};
