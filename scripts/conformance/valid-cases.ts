/** valid/: define like vnmd, compare with libvirt's dumpxml, and check the round trip. */
import { validateForStart } from '../../shared/validation/validate-start';
import { formatNetworkXml } from '../../shared/xml/format-network';
import { parseNetworkXml } from '../../shared/xml/parse-network';
import { defineLikeVnmd } from './define';
import { deviationFor } from './deviations';
import { lineDiff } from './diff';
import type { OracleCase } from './oracle';
import type { Report } from './report';

export function runValidCases(cases: readonly OracleCase[], report: Report): void {
  for (const c of cases) {
    const defined = defineLikeVnmd(c.input, { xml: c.expectXml, generated: c.generated });
    if (!defined.ok) {
      report.fail(
        `valid/${c.name}: identical to libvirt`,
        `rejected: ${defined.errors.map((e) => e.message).join('\n')}`,
      );
      continue;
    }
    const expected = c.expectXml ?? '';
    const deviation = deviationFor(c.name);
    if (deviation?.xml) console.log(`deviation valid/${c.name}: ${deviation.why}`);
    const compared = deviation?.xml ? deviation.xml(defined.dumpxml) : defined.dumpxml;
    report.check(`valid/${c.name}: identical to libvirt`, compared === expected, () =>
      lineDiff(expected, compared),
    );
    checkRoundTrip(c.name, defined.dumpxml.slice(0, -1), report);
    // libvirt started these (or would have, outside its sandbox): none may be refused as wrong.
    const startErrors = validateForStart(defined.def).filter((e) => e.kind === 'invalid');
    report.check(`valid/${c.name}: accepted for start`, startErrors.length === 0, () =>
      startErrors.map((e) => e.message).join('\n'),
    );
  }
}

/** parse -> format -> parse -> format gives the same text and the same model. */
function checkRoundTrip(name: string, xml: string, report: Report): void {
  const first = parseNetworkXml(xml);
  if (!first.ok) {
    report.fail(
      `valid/${name}: round trip`,
      `our own output does not parse: ${first.errors.map((e) => e.message).join('; ')}`,
    );
    return;
  }
  const again = formatNetworkXml(first.def);
  const second = parseNetworkXml(again);
  const stable =
    again === xml &&
    second.ok &&
    JSON.stringify(second.def) === JSON.stringify(first.def) &&
    formatNetworkXml(second.def) === again;
  report.check(`valid/${name}: round trip`, stable, () => lineDiff(xml, again));
}
