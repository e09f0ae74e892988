/**
 * Runtime status of running networks: RUNDIR/networks/NAME.json records the live definition
 * and exactly what vnmd created for it, so destroy removes exactly that and a restarted vnmd
 * can adopt it. A 'starting' status found at vnmd start marks a half-started network, a
 * 'stopping' one a destroy that vnmd must finish.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { assertSafeName, nameProblem } from './names';
import { crashPoint } from '../crash-point';
import { removeFile, sweepTempFiles, writeFileAtomic } from './atomic';
import { readRegularFile } from './read-regular';

export const DnsmasqRecord = z.object({
  pid: z.number().int().positive(),
  pidFile: z.string(),
  configFile: z.string(),
});

export const CreatedResources = z.object({
  /** vnmd created the bridge link, so destroy deletes it (not in bridge mode). */
  bridge: z.boolean(),
  /** nft rules were installed under the network's name. */
  firewall: z.boolean(),
  /** Static routes added, as `ip route` arguments ("10.0.0.0/24 via 192.168.1.2"). */
  routes: z.array(z.string()),
  dnsmasq: DnsmasqRecord.nullable(),
  /** The ifb device made to shape the network's outbound traffic (<bandwidth>), if any. */
  ifb: z.string().nullable().optional(),
  /** An OVN network: its objects live in this northbound database, tagged with the network. */
  ovn: z.object({ nbDb: z.string() }).nullable().optional(),
});
export type CreatedResources = z.infer<typeof CreatedResources>;

export const RunStatus = z.object({
  version: z.literal(1),
  name: z.string(),
  uuid: z.string(),
  persistent: z.boolean(),
  phase: z.enum(['starting', 'running', 'stopping']),
  /** The live definition in libvirt XML, with the bridge name and MAC assigned. */
  liveXml: z.string(),
  bridge: z.string().nullable(),
  created: CreatedResources,
  startedAt: z.number(),
});
export type RunStatus = z.infer<typeof RunStatus>;

export interface LoadedStatus {
  readonly name: string;
  readonly status: RunStatus | null;
  /** Why the file could not be read, when status is null. */
  readonly problem: string | null;
}

export class StatusStore {
  readonly dir: string;

  constructor(
    runtimeDir: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.dir = join(runtimeDir, 'networks');
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o755 });
    await sweepTempFiles(this.dir, this.log);
  }

  private path(name: string): string {
    return join(this.dir, `${assertSafeName(name)}.json`);
  }

  async save(status: RunStatus): Promise<void> {
    // Not durable: it describes what runs now, which a reboot ends anyway (see atomic.ts).
    await writeFileAtomic(this.path(status.name), `${JSON.stringify(status, null, 1)}\n`, 0o600, false);
    crashPoint(`status of ${status.name} saved (${status.phase})`);
  }

  async remove(name: string): Promise<void> {
    await removeFile(this.path(name));
    crashPoint(`status of ${name} removed`);
  }

  async loadAll(): Promise<LoadedStatus[]> {
    const files = await readdir(this.dir).catch(() => [] as string[]);
    const out: LoadedStatus[] = [];
    for (const file of files.sort()) {
      if (!file.endsWith('.json') || file.startsWith('.')) continue;
      const name = file.slice(0, -5);
      if (nameProblem(name)) continue;
      out.push(await this.load(name, join(this.dir, file)));
    }
    return out;
  }

  private async load(name: string, path: string): Promise<LoadedStatus> {
    try {
      const parsed = RunStatus.safeParse(JSON.parse(await readRegularFile(path)));
      if (parsed.success) return { name, status: parsed.data, problem: null };
      return { name, status: null, problem: `status file ${path} is malformed` };
    } catch (err) {
      return { name, status: null, problem: `status file ${path} is unreadable: ${String(err)}` };
    }
  }
}
