/** Reads the libvirt 9.0 oracle folder (see its README.md for the layout). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface OracleCase {
  readonly name: string;
  readonly input: string;
  /** virsh net-dumpxml --inactive output (valid cases and start-stage invalid ones). */
  readonly expectXml?: string;
  /** The .error file (invalid cases). */
  readonly error?: string;
}

function read(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function listCases(dir: string, kind: 'valid' | 'invalid'): OracleCase[] {
  const folder = join(dir, kind);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.xml') && !f.endsWith('.expect.xml'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.xml'.length);
      const expectXml = read(join(folder, `${name}.expect.xml`));
      const error = read(join(folder, `${name}.error`));
      return {
        name,
        input: readFileSync(join(folder, f), 'utf8'),
        ...(expectXml !== undefined ? { expectXml } : {}),
        ...(error !== undefined ? { error } : {}),
      };
    });
}
