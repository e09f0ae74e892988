/**
 * The commands that let a port forward's traffic through another tool's chain, in that tool's
 * words (as firewall-fixes.ts does for a network's own traffic): an iptables rule in Docker's
 * DOCKER-USER or in the iptables chain itself, a ufw route rule, firewalld's libvirt zone, else
 * `nft insert rule`. Printed only; vnm never edits another tool's table by itself.
 */
import type { Argv } from './argv';
import { toolOf } from './firewall-fixes';
import type { NftChain, NftRuleset } from './nft-ruleset';
import type { PortRange } from '../../../shared/model/port-forward';

/** What a rule must match to let one direction of a forward's traffic through. */
export interface PassSpec {
  readonly family: 4 | 6;
  readonly l4proto: 'tcp' | 'udp';
  readonly iif?: string;
  readonly oif?: string;
  readonly saddr?: string;
  readonly daddr?: string;
  readonly sport?: PortRange;
  readonly dport?: PortRange;
  /** Only connections vnm's forward DNAT'd (`ct status dnat`, iptables' `--ctstate DNAT`). */
  readonly dnat: boolean;
}

const span = (r: PortRange, sep: string) => (r.start === r.end ? `${r.start}` : `${r.start}${sep}${r.end}`);

export function nftPassRule(s: PassSpec): string {
  const ip = s.family === 4 ? 'ip' : 'ip6';
  const parts = [
    s.iif ? `iifname "${s.iif}"` : '',
    s.oif ? `oifname "${s.oif}"` : '',
    s.saddr ? `${ip} saddr ${s.saddr}` : '',
    s.daddr ? `${ip} daddr ${s.daddr}` : '',
    s.sport ? `${s.l4proto} sport ${span(s.sport, '-')}` : '',
    s.dport ? `${s.l4proto} dport ${span(s.dport, '-')}` : '',
    !s.sport && !s.dport ? `meta l4proto ${s.l4proto}` : '',
    s.dnat ? 'ct status dnat' : '',
    'accept',
  ];
  return parts.filter(Boolean).join(' ');
}

function iptablesPass(s: PassSpec): string[] {
  return [
    ...(s.iif ? ['-i', s.iif] : []),
    ...(s.oif ? ['-o', s.oif] : []),
    ...(s.saddr ? ['-s', s.saddr] : []),
    ...(s.daddr ? ['-d', s.daddr] : []),
    '-p',
    s.l4proto,
    ...(s.sport ? ['--sport', span(s.sport, ':')] : []),
    ...(s.dport ? ['--dport', span(s.dport, ':')] : []),
    ...(s.dnat ? ['-m', 'conntrack', '--ctstate', 'DNAT'] : []),
    '-j',
    'ACCEPT',
  ];
}

function ufwPass(s: PassSpec): Argv {
  const where = [
    ...(s.iif ? ['in', 'on', s.iif] : []),
    ...(s.oif ? ['out', 'on', s.oif] : []),
    ...(s.daddr ? ['to', s.daddr] : []),
    ...(s.dport ? ['port', span(s.dport, ':')] : []),
  ];
  return ['ufw', 'route', 'allow', ...where, 'proto', s.l4proto];
}

/** The command that makes `chain` accept what `s` describes, as an argument array. */
export function passCommand(rs: NftRuleset, chain: NftChain, s: PassSpec, bridge: string): Argv {
  const ipt = chain.family === 'ip6' ? 'ip6tables' : 'iptables';
  switch (toolOf(rs, chain)) {
    case 'firewalld':
      return ['firewall-cmd', '--zone=libvirt', `--add-interface=${bridge}`];
    case 'ufw':
      return ufwPass(s);
    case 'docker':
      return [ipt, '-I', 'DOCKER-USER', ...iptablesPass(s)];
    case 'iptables':
      return [ipt, '-t', chain.table, '-I', chain.name, ...iptablesPass(s)];
    case 'nft':
      return ['nft', 'insert', 'rule', chain.family, chain.table, chain.name, nftPassRule(s)];
  }
}
