/**
 * invalid/: every case must be refused at the stage libvirt refused it, and our message
 * must name the same problem (see problem-match.ts).
 */
import { validateForStart } from '../../shared/validation/validate-start';
import { defineLikeVnmd } from './define';
import { lineDiff } from './diff';
import { libvirtProblem, matchProblem } from './problem-match';
import type { OracleCase } from './oracle';
import type { Report } from './report';

export interface MessageAgreement {
  matched: number;
  total: number;
}

export function runInvalidCases(cases: readonly OracleCase[], report: Report): MessageAgreement {
  const agreement: MessageAgreement = { matched: 0, total: 0 };
  for (const c of cases) {
    const errorFile = c.error ?? '';
    const stage = /^stage: (\S+)/.exec(errorFile)?.[1] ?? 'net-define';
    const ours = stage === 'net-start' ? startStage(c, report) : defineStage(c);
    const label = `invalid/${c.name} (${stage})`;
    if (ours.length === 0) {
      report.fail(`${label}: rejected`, `vnm accepted it; libvirt said: ${libvirtProblem(errorFile)}`);
      continue;
    }
    report.pass(`${label}: rejected`);
    const libvirt = libvirtProblem(errorFile);
    const name = /<name>([^<]*)<\/name>/.exec(c.input)?.[1] ?? c.name;
    const results = ours.map((m) => matchProblem(libvirt, m, name));
    const best = results.reduce((a, b) => ((b.matched && !a.matched) || b.score > a.score ? b : a));
    agreement.total++;
    if (best.matched) agreement.matched++;
    console.log(`${best.matched ? 'same ' : 'DIFF '} ${c.name}`);
    console.log(`      libvirt: ${libvirt}`);
    for (const m of ours) console.log(`      vnm:     ${m}`);
    if (!best.matched) console.log(`      missing: ${best.missing.join(' ')}`);
  }
  return agreement;
}

function defineStage(c: OracleCase): string[] {
  const defined = defineLikeVnmd(c.input, { xml: c.expectXml, generated: c.generated });
  return defined.ok ? [] : defined.errors.map((e) => e.message);
}

/** Define must succeed (with libvirt's output), then the start checks must refuse it. */
function startStage(c: OracleCase, report: Report): string[] {
  const defined = defineLikeVnmd(c.input, { xml: c.expectXml, generated: c.generated });
  const label = `invalid/${c.name}: defined like libvirt before start`;
  if (!defined.ok) {
    report.fail(label, `define refused it: ${defined.errors.map((e) => e.message).join('; ')}`);
    return defined.errors.map((e) => e.message);
  }
  const expected = c.expectXml ?? '';
  report.check(label, defined.dumpxml === expected, () => lineDiff(expected, defined.dumpxml));
  return validateForStart(defined.def).map((e) => e.message);
}
