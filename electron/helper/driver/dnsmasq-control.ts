/** The driver's handle on the dnsmasq of each network (process.ts does the identity checks). */
import { findDnsmasq, reloadDnsmasq, startDnsmasq, stopDnsmasq } from '../dnsmasq/process';
import type { DnsmasqInstance } from '../dnsmasq/process';
import { crashPoint } from '../crash-point';
import type { NetworkFiles } from './files';

export interface DnsmasqRecord {
  readonly pid: number;
  readonly pidFile: string;
  readonly configFile: string;
}

export interface DnsmasqControl {
  start(network: string, files: NetworkFiles): Promise<DnsmasqRecord>;
  /** Stops it if it is still ours; a pid that now belongs to another process is left alone. */
  stop(record: DnsmasqRecord, network?: string): Promise<void>;
  /** SIGHUP: reread the hosts files. */
  reload(record: DnsmasqRecord, network?: string): Promise<void>;
  /** The pid if our dnsmasq is running, identity-checked: the recorded pid, else the pid file's. */
  find(record: KnownDnsmasq, network?: string): Promise<number | undefined>;
}

/** A record whose pid may be unknown (0 or absent: only the pid file can tell). */
type KnownDnsmasq = Omit<DnsmasqRecord, 'pid'> & { readonly pid?: number };

function instance(record: KnownDnsmasq, network = ''): DnsmasqInstance {
  return { network, confPath: record.configFile, pidFile: record.pidFile, knownPid: record.pid };
}

export function dnsmasqControl(binary?: string): DnsmasqControl {
  return {
    async start(network, files) {
      const inst = { network, confPath: files.configFile, pidFile: files.pidFile };
      const pid = await startDnsmasq(inst, binary ? { binary } : {});
      crashPoint(`dnsmasq started for ${network}`);
      return { pid, pidFile: files.pidFile, configFile: files.configFile };
    },
    async stop(record, network) {
      await stopDnsmasq(instance(record, network));
      crashPoint(`dnsmasq stopped for ${network ?? record.pidFile}`);
    },
    async reload(record, network) {
      await reloadDnsmasq(instance(record, network));
    },
    find: (record, network) => findDnsmasq(instance(record, network)),
  };
}
