/**
 * What is wrong with a Details draft, each problem tied to the field that shows it. Values
 * that cannot even be put in a NetworkDef (an MTU of "big", an empty gateway) are caught
 * here; the rest is judged by shared/validation, in libvirt's words, on the definition
 * the draft would define, so the form refuses what vnmd would refuse. Every problem is
 * returned at once, each on its own field.
 */
import type { IpDef, IpFamily, NetworkDef } from '@shared/model/network';
import { validateNetworkDef } from '@shared/validation';
import type { DetailsDraft, IpDraft } from './details-draft';
import { FAMILIES, applyDraftToDef, draftFromDef, draftIp } from './details-draft';

/**
 * Where a problem shows: 'mtu', 'domain', 'forward', 'general', or per family
 * '<family>.address' (gateway and prefix), '<family>.range', '<family>.host.<row key>'.
 */
export type ProblemField = string;

export interface DraftProblem {
  readonly field: ProblemField;
  readonly message: string;
}

const DNS_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const label = (family: IpFamily) => (family === 'ipv4' ? 'IPv4' : 'IPv6');

function formProblems(draft: DetailsDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  const mtu = draft.mtu.trim();
  if (mtu && !(/^\d+$/.test(mtu) && Number(mtu) >= 68 && Number(mtu) <= 65535)) {
    out.push({
      field: 'mtu',
      message: 'MTU must be a whole number from 68 to 65535, or empty for the default.',
    });
  }
  const domain = draft.domain.trim();
  if (domain && !DNS_NAME.test(domain)) {
    out.push({
      field: 'domain',
      message: 'Domain must be a DNS name: letters, digits, hyphens and dots, such as example.lan.',
    });
  }
  for (const family of FAMILIES) out.push(...ipFormProblems(draft[family], family));
  return out;
}

function ipFormProblems(d: IpDraft, family: IpFamily): DraftProblem[] {
  if (!d.enabled) return [];
  const out: DraftProblem[] = [];
  const example = family === 'ipv4' ? '192.168.100.1' : 'fd00:1::1';
  if (!d.address.trim()) {
    out.push({
      field: `${family}.address`,
      message: `Enter the host’s ${label(family)} address on the network, such as ${example}.`,
    });
  } else if (!/^\d+$/.test(d.prefix.trim())) {
    const max = family === 'ipv4' ? 32 : 128;
    out.push({
      field: `${family}.address`,
      message: `The prefix length must be a whole number from 1 to ${max}, such as ${family === 'ipv4' ? 24 : 64}.`,
    });
  }
  if (d.dhcp && (!d.dhcpStart.trim() || !d.dhcpEnd.trim())) {
    out.push({
      field: `${family}.range`,
      message: 'Enter both the start and the end of the DHCP range, or turn DHCP off.',
    });
  }
  return out;
}

/** validateNetworkDef on a definition holding only `ips`, for problems of one <ip>. */
function ipErrors(name: string, ips: IpDef[]) {
  return validateNetworkDef({ name, ips, routes: [], portgroups: [] });
}

/** One family's <ip> problems, placed on its address, range or host row. */
function ipProblems(base: NetworkDef, draft: DetailsDraft, family: IpFamily): DraftProblem[] {
  if (!draft[family].enabled) return [];
  const ip = draftIp(base, draft[family], family);
  const name = base.name;
  const out: DraftProblem[] = [];
  const bare = { ...ip, dhcp: ip.dhcp ? { ...ip.dhcp, hosts: [] } : undefined };
  for (const e of ipErrors(name, [bare])) {
    out.push({ field: `${family}.${e.element.includes('dhcp') ? 'range' : 'address'}`, message: e.message });
  }
  draft[family].hosts.forEach((row, i) => {
    const host = ip.dhcp?.hosts[i];
    if (!host) return;
    const alone = { ...ip, dhcp: { ranges: [], hosts: [host] } };
    // Only the host's own findings: the address and range ones are placed above.
    for (const e of ipErrors(name, [alone]).filter((x) => x.element.endsWith('/dhcp/host')))
      out.push({ field: `${family}.host.${row.key}`, message: e.message });
  });
  return out;
}

function fieldOf(element: string): ProblemField {
  if (element.startsWith('network/forward')) return 'forward';
  if (element.startsWith('network/domain')) return 'domain';
  return 'general';
}

/**
 * The draft with each field the form refused put back as `base` has it, so libvirt's checks
 * can still judge every other field: all problems show at once, not one at a time.
 */
function withoutRefused(
  draft: DetailsDraft,
  base: NetworkDef,
  refused: ReadonlySet<ProblemField>,
): DetailsDraft {
  const stored = draftFromDef(draft.network, draft.autostart, base);
  const ip = (family: IpFamily): IpDraft => {
    let d = draft[family];
    if (refused.has(`${family}.address`)) {
      // With no stored address to fall back on, the section cannot be judged further.
      if (!stored[family].enabled) return { ...d, enabled: false };
      d = { ...d, address: stored[family].address, prefix: stored[family].prefix };
    }
    return refused.has(`${family}.range`) ? { ...d, dhcp: false } : d;
  };
  return {
    ...draft,
    mtu: refused.has('mtu') ? stored.mtu : draft.mtu,
    domain: refused.has('domain') ? stored.domain : draft.domain,
    ipv4: ip('ipv4'),
    ipv6: ip('ipv6'),
  };
}

/** Every problem of the draft applied to `base`, each on its field; empty when Apply may go ahead. */
export function draftProblems(draft: DetailsDraft, base: NetworkDef): DraftProblem[] {
  const form = formProblems(draft);
  const refused = new Set(form.map((p) => p.field));
  const judged = withoutRefused(draft, base, refused);
  const def = applyDraftToDef(base, judged);
  const placed = FAMILIES.flatMap((family) => ipProblems(base, judged, family)).filter(
    (p) => !refused.has(p.field),
  );
  const seen = new Set(placed.map((p) => p.message));
  const rest = validateNetworkDef(def)
    .filter((e) => !seen.has(e.message))
    .map((e) => ({ field: fieldOf(e.element), message: e.message }))
    .filter((p) => !refused.has(p.field));
  return [...form, ...placed, ...rest];
}

/** The messages for one field, joined for a helper text; undefined when it is fine. */
export function problemText(problems: readonly DraftProblem[], field: ProblemField): string | undefined {
  const messages = problems.filter((p) => p.field === field).map((p) => p.message);
  return messages.length > 0 ? messages.join(' ') : undefined;
}
