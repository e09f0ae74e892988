/** The summary: every choice in words, as rows of a term and what it means. */
import { parseCidr, parseIp, rangeSize, subnetSize } from '@shared/net';
import type { WizardChoices } from '@shared/wizard/choices';
import { chosenDomain, hasAddressing, hasForwardDevice, natIpv6 } from '@shared/wizard/choices';
import { MODE_TEXT } from '@/format/modes';
import { describeOvn } from './describe-ovn';
import type { SummaryRow } from './summary-row';

export type { SummaryRow } from './summary-row';

const count = (n: bigint) => n.toLocaleString('en-US');

function rangeWords(start: string, end: string): string {
  const a = parseIp(start.trim());
  const b = parseIp(end.trim());
  const size = a && b ? ` (${count(rangeSize(a, b))} addresses)` : '';
  return `leases ${start.trim()} to ${end.trim()}${size}`;
}

function ipv4Rows(c: WizardChoices): SummaryRow[] {
  const cidr = parseCidr(c.ipv4Network.trim());
  const hosts = cidr ? ` (${count(subnetSize(cidr) - 2n)} host addresses)` : '';
  return [
    { term: 'IPv4 network', detail: `${c.ipv4Network.trim()}${hosts}, gateway ${c.ipv4Gateway.trim()}` },
    {
      term: 'DHCPv4',
      detail: c.ipv4Dhcp ? rangeWords(c.ipv4Start, c.ipv4End) : 'off: guests need addresses set by hand',
    },
  ];
}

function ipv6Rows(c: WizardChoices): SummaryRow[] {
  if (!c.ipv6Enabled) return [{ term: 'IPv6', detail: 'off' }];
  const reach = natIpv6(c)
    ? 'NAT: guests reach the outside through the host’s IPv6 address'
    : 'routed: needs a prefix that the upstream router routes to this host';
  return [
    { term: 'IPv6 network', detail: `${c.ipv6Network.trim()}, gateway ${c.ipv6Gateway.trim()}` },
    ...(hasForwardDevice(c.mode) ? [{ term: 'IPv6 out', detail: reach }] : []),
    {
      term: 'DHCPv6',
      detail: c.ipv6Dhcp
        ? rangeWords(c.ipv6Start, c.ipv6End)
        : 'off: guests configure their addresses from router advertisements',
    },
  ];
}

/** `bridge` is vnmd's proposal for the device name, shown as a hint: vnmd assigns it at define. */
export function describeChoices(c: WizardChoices, bridge?: string): SummaryRow[] {
  const mode = MODE_TEXT[c.mode];
  const rows: SummaryRow[] = [
    { term: 'Name', detail: c.name },
    { term: 'Mode', detail: `${mode.label}. ${mode.reach}` },
  ];
  if (c.mode === 'ovn') return [...rows, ...describeOvn(c)];
  if (!hasAddressing(c.mode)) {
    rows.push({ term: 'Host bridge', detail: `${c.hostBridge}; addresses come from that bridge’s LAN` });
    return rows;
  }
  const free = bridge ? ` (${bridge} is free now)` : '';
  rows.push({
    term: 'Device',
    detail: `a new bridge, which vnm names when it is defined${free}`,
  });
  if (hasForwardDevice(c.mode)) {
    rows.push({ term: 'Forward to', detail: c.forwardDev ? c.forwardDev : 'any physical device' });
  }
  const domain = chosenDomain(c);
  rows.push(...ipv4Rows(c), ...ipv6Rows(c));
  rows.push({ term: 'DNS domain', detail: domain ? `${domain} (answered locally)` : 'none' });
  // Forwards need the network to exist (they name its guests), so the wizard only points the way.
  if (c.mode === 'nat') {
    rows.push({
      term: 'Port forwards',
      detail: 'none yet; add them after creation in the network’s Port Forwarding tab',
    });
  }
  return rows;
}
