/**
 * The ports of running networks (net-port-*), in memory and persisted beside the runtime
 * status as RUNDIR/ports/NETWORK/UUID.xml, as libvirt keeps them under its network state dir:
 * a restarted vnmd finds the ports of the networks it adopts; a network's ports go when it
 * stops.
 */
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetworkPortDef } from '../../../shared/model/network-port';
import { VnmError } from '../../../shared/rpc/errors';
import { formatNetworkPortXml } from '../../../shared/xml/format-network-port';
import { parseNetworkPortXml } from '../../../shared/xml/parse-network-port';
import { assertSafeName } from '../store/names';
import { removeFile, writeFileAtomic } from '../store/atomic';
import type { NetworkTable } from './table';

export class PortRegistry {
  private readonly byNetwork = new Map<string, Map<string, NetworkPortDef>>();

  constructor(
    readonly dir: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  private netDir(network: string): string {
    return join(this.dir, assertSafeName(network));
  }

  /** The network's ports, in UUID order (virsh sorts them so too). */
  list(network: string): NetworkPortDef[] {
    return [...(this.byNetwork.get(network)?.values() ?? [])].sort((a, b) => a.uuid.localeCompare(b.uuid));
  }

  find(network: string, uuid: string): NetworkPortDef | undefined {
    return this.byNetwork.get(network)?.get(uuid);
  }

  async add(network: string, port: NetworkPortDef): Promise<void> {
    if (this.find(network, port.uuid)) {
      throw new VnmError(
        'conflict',
        `network port with UUID ${port.uuid} already exists on network '${network}'; delete it first or give the port another UUID.`,
      );
    }
    await mkdir(this.netDir(network), { recursive: true, mode: 0o700 });
    // Not durable: like the runtime status, it describes what runs now (see atomic.ts).
    await writeFileAtomic(
      join(this.netDir(network), `${port.uuid}.xml`),
      formatNetworkPortXml(port),
      0o600,
      false,
    );
    const ports = this.byNetwork.get(network) ?? new Map<string, NetworkPortDef>();
    ports.set(port.uuid, port);
    this.byNetwork.set(network, ports);
  }

  async remove(network: string, uuid: string): Promise<void> {
    await removeFile(join(this.netDir(network), `${uuid}.xml`));
    this.byNetwork.get(network)?.delete(uuid);
  }

  /** The network stopped (or is starting afresh): its ports are gone, as libvirt drops them. */
  async dropAll(network: string): Promise<void> {
    this.byNetwork.delete(network);
    await rm(this.netDir(network), { recursive: true, force: true });
  }

  /** At vnmd start, after adoption: loads the ports of running networks, removes the rest. */
  async load(table: NetworkTable): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    for (const network of await readdir(this.dir)) {
      if (!table.get(network)?.live) {
        await rm(join(this.dir, network), { recursive: true, force: true });
        continue;
      }
      // One unreadable folder or file costs its ports, never vnmd's start.
      await this.loadNetwork(network).catch((err: unknown) =>
        this.log(`network ${network}: its ports could not be read (${String(err)}); they are forgotten`),
      );
    }
  }

  private async loadNetwork(network: string): Promise<void> {
    for (const file of await readdir(this.netDir(network))) {
      if (!file.endsWith('.xml') || file.startsWith('.')) continue;
      const r = parseNetworkPortXml(await readFile(join(this.netDir(network), file), 'utf8'));
      if (!r.ok) {
        this.log(`network ${network}: port file ${file} is unreadable (${r.errors[0]?.message}); ignored`);
        continue;
      }
      const ports = this.byNetwork.get(network) ?? new Map<string, NetworkPortDef>();
      this.byNetwork.set(network, ports.set(r.def.uuid, r.def));
    }
  }
}
