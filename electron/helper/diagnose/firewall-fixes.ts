/**
 * The exact command that would let a network's traffic through a foreign chain, in the
 * words of the tool that owns it: Docker's documented DOCKER-USER chain, firewalld's zones,
 * ufw's route rules, iptables for iptables' own tables, else `nft insert rule`. vnm prints
 * these; it runs them only when the user confirms (`vnm net-diagnose NET --fix CHECK`, the
 * window's Apply), never by itself. The rules vnm would add carry the comment `vnm:NETWORK`
 * (as coexist's Docker accepts do), so a person can tell them from their own.
 */
import { dockerComment } from '../coexist/docker-user';
import type { Argv } from './argv';
import type { NftChain, NftRuleset } from './nft-ruleset';
import { tableChains } from './nft-ruleset';

/** What the traffic is, for the wording of the rule. */
export type Purpose = 'out' | 'in-reply' | 'in' | 'bridged' | 'dhcp' | 'dhcp6' | 'dns' | 'tftp';

export interface FixTarget {
  /** The network's name, for the comment that tags the rule. */
  readonly network: string;
  readonly bridge: string;
  readonly family: 4 | 6;
  /** The network's subnet for forwarded traffic, in CIDR form. */
  readonly subnet: string;
}

export type Tool = 'docker' | 'firewalld' | 'ufw' | 'iptables' | 'nft';

const IPTABLES_TABLES = ['filter', 'nat', 'mangle', 'raw', 'security'];

export function toolOf(rs: NftRuleset, chain: NftChain): Tool {
  if (chain.table === 'firewalld') return 'firewalld';
  const ipt = (chain.family === 'ip' || chain.family === 'ip6') && IPTABLES_TABLES.includes(chain.table);
  if (!ipt) return 'nft';
  const names = tableChains(rs, chain.family, chain.table);
  if (names.some((n) => n.startsWith('ufw-'))) return 'ufw';
  if (chain.hook === 'forward' && names.includes('DOCKER-USER')) return 'docker';
  return 'iptables';
}

const PORTS: Partial<Record<Purpose, { proto: 'udp' | 'both'; port: number }>> = {
  dhcp: { proto: 'udp', port: 67 },
  dhcp6: { proto: 'udp', port: 547 },
  dns: { proto: 'both', port: 53 },
  tftp: { proto: 'udp', port: 69 },
};

/** The match of each iptables rule, one array per rule. */
function iptablesMatches(purpose: Purpose, t: FixTarget): string[][] {
  const p = PORTS[purpose];
  if (p) {
    const protos = p.proto === 'both' ? ['udp', 'tcp'] : ['udp'];
    return protos.map((proto) => ['-i', t.bridge, '-p', proto, '--dport', String(p.port)]);
  }
  if (purpose === 'out') return [['-i', t.bridge, '-s', t.subnet]];
  if (purpose === 'bridged') return [['-i', t.bridge, '-o', t.bridge]];
  const state = purpose === 'in-reply' ? ['-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED'] : [];
  return [['-o', t.bridge, '-d', t.subnet, ...state]];
}

/** Match, vnm's tag and target of each iptables rule. */
function iptablesArgs(purpose: Purpose, t: FixTarget): string[][] {
  const tag = ['-m', 'comment', '--comment', dockerComment(t.network)];
  return iptablesMatches(purpose, t).map((m) => [...m, ...tag, '-j', 'ACCEPT']);
}

function nftRule(purpose: Purpose, t: FixTarget): string {
  return `${nftMatch(purpose, t)} accept comment "${dockerComment(t.network)}"`;
}

function nftMatch(purpose: Purpose, t: FixTarget): string {
  const br = `"${t.bridge}"`;
  const ip = t.family === 4 ? 'ip' : 'ip6';
  const p = PORTS[purpose];
  if (p) {
    const l4 = p.proto === 'both' ? `meta l4proto { tcp, udp } th dport ${p.port}` : `udp dport ${p.port}`;
    return `iifname ${br} ${l4}`;
  }
  if (purpose === 'out') return `iifname ${br} ${ip} saddr ${t.subnet}`;
  if (purpose === 'bridged') return `iifname ${br} oifname ${br}`;
  const state = purpose === 'in-reply' ? ' ct state related,established' : '';
  return `oifname ${br} ${ip} daddr ${t.subnet}${state}`;
}

function ufwCommand(purpose: Purpose, t: FixTarget): Argv {
  const p = PORTS[purpose];
  if (!p) return ['ufw', 'route', 'allow', purpose === 'out' ? 'in' : 'out', 'on', t.bridge];
  const proto = p.proto === 'udp' ? ['proto', 'udp'] : [];
  return ['ufw', 'allow', 'in', 'on', t.bridge, 'to', 'any', 'port', String(p.port), ...proto];
}

/** The commands, in order, that make `chain` accept this traffic, as argument arrays. */
export function fixCommands(rs: NftRuleset, chain: NftChain, purpose: Purpose, t: FixTarget): Argv[] {
  const ipt = chain.family === 'ip6' ? 'ip6tables' : 'iptables';
  switch (toolOf(rs, chain)) {
    case 'firewalld':
      return [['firewall-cmd', '--zone=libvirt', `--add-interface=${t.bridge}`]];
    case 'ufw':
      return [ufwCommand(purpose, t)];
    case 'docker':
      return iptablesArgs(purpose, t).map((a) => [ipt, '-I', 'DOCKER-USER', ...a]);
    case 'iptables':
      return iptablesArgs(purpose, t).map((a) => [ipt, '-t', chain.table, '-I', chain.name, ...a]);
    case 'nft':
      return [['nft', 'insert', 'rule', chain.family, chain.table, chain.name, nftRule(purpose, t)]];
  }
}
