/**
 * dnsmasq conformance against libvirt 9.0's own files (the oracle in
 * ../shared/conformance/libvirt-9.0, see its README). For every valid input libvirt started,
 * or whose conf it wrote:
 *   - needed:    dnsmasqNeeded() agrees with whether libvirt wrote a conf at all;
 * and for every input with a conf, byte for byte:
 *   - conf:      buildDnsmasqConfig() with libvirt's paths and the bridge libvirt used;
 *   - hostsfile: buildHostsFile() (libvirt always writes it; the oracle keeps only non-empty ones);
 *   - addnhosts: buildAddnHostsFile() (likewise).
 * Each check is one case; a failure prints a line diff.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NetworkDef } from '../../shared/model/network';
import { buildDnsmasqConfig, dnsmasqNeeded } from '../../shared/dnsmasq/config';
import { buildAddnHostsFile, buildHostsFile } from '../../shared/dnsmasq/hosts-file';
import { defineLikeVnmd } from './define';
import { deviationFor } from './deviations';
import { readGenerated } from './oracle';

type Kind = 'needed' | 'conf' | 'hostsfile' | 'addnhosts';

interface Tally {
  passed: number;
  failed: number;
  readonly byKind: Record<Kind, { passed: number; total: number }>;
}

/** Names in paths are XML-escaped by libvirt (virBufferEscapeString); the header is not. */
function xmlEscape(name: string): string {
  return name.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

export function libvirtPaths(name: string, bridge: string) {
  const n = xmlEscape(name);
  return {
    pidFile: `/run/libvirt/network/${n}.pid`,
    hostsFile: `/var/lib/libvirt/dnsmasq/${n}.hostsfile`,
    addnHostsFile: `/var/lib/libvirt/dnsmasq/${n}.addnhosts`,
    bridge,
  };
}

function readOr(file: string, fallback: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : fallback;
}

/** A line-by-line diff, enough to see which option moved or changed. */
export function lineDiff(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] === a[i]) out.push(`    ${e[i]}`);
    else {
      if (e[i] !== undefined) out.push(`  - ${JSON.stringify(e[i]).slice(1, -1)}`);
      if (a[i] !== undefined) out.push(`  + ${JSON.stringify(a[i]).slice(1, -1)}`);
    }
  }
  return out.join('\n');
}

/** The definition as vnmd's define completes it (bridge allocation included). */
function define(valid: string, name: string, generated: ReturnType<typeof readGenerated>): NetworkDef {
  const expect = join(valid, `${name}.expect.xml`);
  const result = defineLikeVnmd(readFileSync(join(valid, `${name}.xml`), 'utf8'), {
    xml: readOr(expect, ''),
    generated: generated.get(name) ?? new Set(),
  });
  if (!result.ok) throw new Error(result.errors.map((err) => err.message).join('; '));
  return result.def;
}

function check(tally: Tally, label: string, kind: Kind, expected: string, produce: () => string): void {
  tally.byKind[kind].total++;
  let actual: string;
  try {
    actual = produce();
  } catch (e) {
    tally.failed++;
    console.log(`FAIL dnsmasq ${kind} ${label}: ${(e as Error).message}`);
    return;
  }
  if (actual === expected) {
    tally.passed++;
    tally.byKind[kind].passed++;
    return;
  }
  tally.failed++;
  console.log(`FAIL dnsmasq ${kind} ${label}:\n${lineDiff(expected, actual)}`);
}

/** Which valid inputs libvirt started (or at least wrote a conf for), from MANIFEST.tsv. */
function startedCases(root: string): Set<string> {
  const rows = readFileSync(join(root, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  const started = new Set<string>();
  for (const row of rows) {
    const [name, , result, , start] = row.split('\t');
    if (name && result === 'valid' && start === 'ok') started.add(name);
  }
  return started;
}

function runCase(
  tally: Tally,
  valid: string,
  name: string,
  hasConf: boolean,
  generated: ReturnType<typeof readGenerated>,
): void {
  let def: NetworkDef;
  let bridge: string;
  try {
    // libvirt allocated a bridge name when the input had none; vnm's allocation must agree.
    def = define(valid, name, generated);
    bridge = def.bridge?.name ?? '';
  } catch (e) {
    const kinds: Kind[] = hasConf ? ['needed', 'conf', 'hostsfile', 'addnhosts'] : ['needed'];
    for (const kind of kinds)
      check(tally, name, kind, '', () => {
        throw e;
      });
    return;
  }
  check(tally, name, 'needed', String(hasConf), () => String(dnsmasqNeeded(def)));
  if (!hasConf) return;
  const base = join(valid, name);
  const deviation = deviationFor(name);
  if (deviation?.conf) console.log(`deviation dnsmasq conf ${name}: ${deviation.why}`);
  check(tally, name, 'conf', readFileSync(`${base}.conf`, 'utf8'), () => {
    const conf = buildDnsmasqConfig(def, libvirtPaths(def.name, bridge));
    return deviation?.conf ? deviation.conf(conf) : conf;
  });
  check(tally, name, 'hostsfile', readOr(`${base}.hostsfile`, ''), () => buildHostsFile(def));
  check(tally, name, 'addnhosts', readOr(`${base}.addnhosts`, ''), () => buildAddnHostsFile(def));
}

/** Runs every dnsmasq case under `dir` (the libvirt-9.0 oracle folder, or its valid/). */
export async function runDnsmasqCases(dir: string): Promise<{ passed: number; failed: number }> {
  const root = existsSync(join(dir, 'valid')) ? dir : resolve(dir, '..');
  const valid = join(root, 'valid');
  const started = startedCases(root);
  const generated = readGenerated(root);
  const tally: Tally = {
    passed: 0,
    failed: 0,
    byKind: {
      needed: { passed: 0, total: 0 },
      conf: { passed: 0, total: 0 },
      hostsfile: { passed: 0, total: 0 },
      addnhosts: { passed: 0, total: 0 },
    },
  };
  const names = readdirSync(valid)
    .filter((f) => f.endsWith('.xml') && !f.endsWith('.expect.xml'))
    .map((f) => f.slice(0, -'.xml'.length))
    .sort();
  for (const name of names) {
    const hasConf = existsSync(join(valid, `${name}.conf`));
    if (hasConf || started.has(name)) runCase(tally, valid, name, hasConf, generated);
  }
  const summary = (Object.keys(tally.byKind) as Kind[]).map(
    (k) => `${k} ${tally.byKind[k].passed}/${tally.byKind[k].total}`,
  );
  console.log(`dnsmasq conformance: ${summary.join(', ')}`);
  return Promise.resolve({ passed: tally.passed, failed: tally.failed });
}

const invokedDirectly =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  const dir =
    process.argv[2] ?? process.env.VNM_CONFORMANCE_DIR ?? resolve(repo, '../shared/conformance/libvirt-9.0');
  const { passed, failed } = await runDnsmasqCases(dir);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}
