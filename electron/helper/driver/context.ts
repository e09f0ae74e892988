/** Everything the driver's operations share. */
import type { IpBatch } from '../bridge/ip-batch';
import type { EventBus } from '../events/bus';
import type { Firewall } from '../firewall';
import type { ConfigStore } from '../store/config-store';
import type { StatusStore } from '../store/status-store';
import type { DnsmasqControl } from './dnsmasq-control';
import type { DaemonDirs } from './files';
import type { KeyedMutex } from './keyed-mutex';
import type { SubnetClaims } from './subnet-claims';
import type { NetworkTable } from './table';

export interface DriverContext {
  readonly dirs: DaemonDirs;
  readonly table: NetworkTable;
  readonly configStore: ConfigStore;
  readonly statusStore: StatusStore;
  readonly dnsmasq: DnsmasqControl;
  /** This driver's nft session and the queue of its firewall changes. */
  readonly firewall: Firewall;
  /** This driver's long-lived ip, for the link changes of a start, a stop and a repair. */
  readonly ip: IpBatch;
  /** The subnets of this driver's networks that are starting now. */
  readonly subnetClaims: SubnetClaims;
  readonly bus: EventBus;
  readonly mutex: KeyedMutex;
  log(message: string): void;
}

/** The lock held while the set of names, UUIDs and bridge names changes. */
export const DEFS_LOCK = '#defs';
