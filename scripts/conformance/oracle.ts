/** Reads the libvirt 9.0 oracle folder (see its README.md for the layout). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A value libvirt made up at define, which a reimplementation cannot reproduce byte for byte. */
export type GeneratedField = 'uuid' | 'mac' | 'bridge';

export interface OracleCase {
  readonly name: string;
  readonly input: string;
  /** virsh net-dumpxml --inactive output (valid cases and start-stage invalid ones). */
  readonly expectXml?: string;
  /** The .error file (invalid cases). */
  readonly error?: string;
  /** MANIFEST.tsv's `generated` column for this case. */
  readonly generated: ReadonlySet<GeneratedField>;
}

function read(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** MANIFEST.tsv's `generated` column by case name ('mac,bridge' -> {mac, bridge}). */
export function readGenerated(dir: string): Map<string, Set<GeneratedField>> {
  const byName = new Map<string, Set<GeneratedField>>();
  const file = join(dir, 'MANIFEST.tsv');
  if (!existsSync(file)) return byName;
  const [header, ...rows] = readFileSync(file, 'utf8').split('\n');
  const column = (header ?? '').split('\t').indexOf('generated');
  if (column < 0) return byName;
  for (const row of rows) {
    const cells = row.split('\t');
    const name = cells[0];
    const value = cells[column] ?? '-';
    if (!name) continue;
    const fields = value === '-' ? [] : value.split(',').map((f) => f.trim());
    byName.set(name, new Set(fields.filter(isGeneratedField)));
  }
  return byName;
}

function isGeneratedField(f: string): f is GeneratedField {
  return f === 'uuid' || f === 'mac' || f === 'bridge';
}

export function listCases(dir: string, kind: 'valid' | 'invalid'): OracleCase[] {
  const folder = join(dir, kind);
  const generated = readGenerated(dir);
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
        generated: generated.get(name) ?? new Set<GeneratedField>(),
      };
    });
}
