/**
 * Conformance against libvirt 9.0's own outputs (../shared/conformance/libvirt-9.0 by
 * default; see its README.md). Usage: npx tsx scripts/conformance.ts [DIR]
 *
 * - valid/: defined like vnmd, formatted byte-identical to `virsh net-dumpxml --inactive`,
 *   round trip stable, not refused by the start checks;
 * - invalid/: refused at the same stage as libvirt, our message printed next to libvirt's,
 *   and at least MIN_AGREEMENT of them naming the same problem;
 * - dnsmasq cases, when scripts/conformance/dnsmasq-cases.ts exists.
 * Ends with `conformance: N passed, N failed`; exits 1 on any failure.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runInvalidCases } from './conformance/invalid-cases';
import { listCases } from './conformance/oracle';
import { Report } from './conformance/report';
import { runValidCases } from './conformance/valid-cases';

const MIN_AGREEMENT = 0.9;
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');

interface DnsmasqModule {
  runDnsmasqCases(dir: string): Promise<{ passed: number; failed: number }>;
}

async function runDnsmasq(dir: string, report: Report): Promise<void> {
  const file = join(here, 'conformance', 'dnsmasq-cases.ts');
  if (!existsSync(file)) {
    console.log('dnsmasq: scripts/conformance/dnsmasq-cases.ts not present, skipped');
    return;
  }
  const mod = (await import(pathToFileURL(file).href)) as DnsmasqModule;
  const counts = await mod.runDnsmasqCases(dir);
  console.log(`dnsmasq: ${counts.passed} passed, ${counts.failed} failed`);
  report.add(counts);
}

async function main(): Promise<number> {
  const dir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'conformance', 'libvirt-9.0'));
  if (
    !existsSync(join(dir, 'valid')) ||
    !statSync(join(dir, 'valid')).isDirectory() ||
    !existsSync(join(dir, 'invalid'))
  ) {
    console.error(
      `conformance: oracle folder ${dir} not found (it needs valid/ and invalid/); pass its path: npx tsx scripts/conformance.ts DIR`,
    );
    return 1;
  }
  const report = new Report();
  console.log(`conformance: libvirt oracle ${dir}`);
  runValidCases(listCases(dir, 'valid'), report);
  const agreement = runInvalidCases(listCases(dir, 'invalid'), report);
  const ratio = agreement.total === 0 ? 1 : agreement.matched / agreement.total;
  const percent = (ratio * 100).toFixed(1);
  console.log(
    `messages naming the same problem as libvirt: ${agreement.matched}/${agreement.total} (${percent}%)`,
  );
  report.check(
    `message agreement >= ${MIN_AGREEMENT * 100}%`,
    ratio >= MIN_AGREEMENT,
    () => `only ${percent}%`,
  );
  await runDnsmasq(dir, report);
  console.log(`conformance: ${report.passed} passed, ${report.failed} failed`);
  return report.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('conformance: crashed:', err);
    process.exit(1);
  },
);
