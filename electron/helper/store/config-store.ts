/**
 * Persistent definitions: DIR/NAME.xml in libvirt's format, and DIR/autostart/NAME.xml links
 * to them, as libvirt keeps /etc/libvirt/qemu/networks.
 */
import { lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { assertSafeName, nameProblem } from './names';
import { removeFile, sweepTempFiles, writeFileAtomic } from './atomic';
import { readRegularFile } from './read-regular';

export interface StoredDefinition {
  readonly name: string;
  readonly xml: string;
  readonly autostart: boolean;
}

export class ConfigStore {
  readonly autostartDir: string;

  constructor(
    readonly dir: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.autostartDir = join(dir, 'autostart');
  }

  async init(): Promise<void> {
    await mkdir(this.autostartDir, { recursive: true, mode: 0o755 });
    await sweepTempFiles(this.dir, this.log);
  }

  xmlPath(name: string): string {
    return join(this.dir, `${assertSafeName(name)}.xml`);
  }

  private linkPath(name: string): string {
    return join(this.autostartDir, `${assertSafeName(name)}.xml`);
  }

  /**
   * Every stored definition. Files whose name is not a safe network name are skipped, and so
   * is anything that is not a readable regular file (a directory, a dangling link, a fifo),
   * with a log line: one stray entry must not keep vnmd from starting.
   */
  async loadAll(): Promise<StoredDefinition[]> {
    const files = await readdir(this.dir).catch(() => [] as string[]);
    const out: StoredDefinition[] = [];
    for (const file of files.sort()) {
      if (!file.endsWith('.xml') || file.startsWith('.')) continue;
      const name = file.slice(0, -4);
      if (nameProblem(name)) continue;
      const path = join(this.dir, file);
      const xml = await readRegularFile(path).catch((err: unknown) => {
        this.log(`skipping ${path}: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      });
      if (xml !== null) out.push({ name, xml, autostart: await this.isAutostart(name) });
    }
    return out;
  }

  async save(name: string, xml: string): Promise<void> {
    await writeFileAtomic(this.xmlPath(name), xml, 0o600);
  }

  async remove(name: string): Promise<void> {
    await removeFile(this.linkPath(name));
    await removeFile(this.xmlPath(name));
  }

  async isAutostart(name: string): Promise<boolean> {
    // Only a link counts, as setAutostart makes them: a stray file or folder there is no vow.
    const st = await lstat(this.linkPath(name)).catch(() => null);
    return st?.isSymbolicLink() ?? false;
  }

  async setAutostart(name: string, on: boolean): Promise<void> {
    const link = this.linkPath(name);
    if (!on) {
      await removeFile(link);
      return;
    }
    const target = this.xmlPath(name);
    const current = await readlink(link).catch(() => null);
    if (current === target) return;
    await removeFile(link);
    await symlink(target, link);
  }
}
