/** Checks of the name, the host bridge and the DNS domain, each with what to change. */
import { networkNameProblem } from '@shared/validation/names';

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** libvirt's (and vnm's) rules for a network name, then uniqueness. */
export function nameProblem(name: string, existing: readonly string[]): string | undefined {
  if (name === '') return 'Enter a name for the network, such as network1.';
  const rule = networkNameProblem(name);
  if (rule) return `${sentence(rule)}: change the name.`;
  if (existing.includes(name)) return `A network named '${name}' already exists: choose another name.`;
  return undefined;
}

export function hostBridgeProblem(bridge: string, available: readonly string[]): string | undefined {
  if (available.length === 0) {
    return 'This host has no bridge of its own to connect guests to: create one first, or choose another mode.';
  }
  if (bridge === '') return 'Choose the host bridge to connect guests to.';
  if (!available.includes(bridge)) return `The bridge ${bridge} is no longer on this host: choose another.`;
  return undefined;
}

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** A DNS domain dnsmasq can serve: labels of letters, digits and inner hyphens, dots between. */
export function domainProblem(domain: string): string | undefined {
  if (domain === '') return 'Enter a domain name, such as lab.example, or choose None.';
  if (domain.length > 253)
    return `The domain name is ${domain.length} characters long: shorten it to 253 at most.`;
  const labels = domain.split('.');
  const long = labels.find((l) => l.length > 63);
  if (long) return `The part '${long.slice(0, 20)}…' is longer than 63 characters: shorten it.`;
  if (labels.some((l) => !LABEL.test(l))) {
    return `'${domain}' is not a valid domain name: use letters, digits and hyphens (not at the start or end of a part), with dots between parts.`;
  }
  return undefined;
}

/** When the domain is the network's name, the name must also be a domain. */
export function nameAsDomainProblem(name: string): string | undefined {
  if (name === '' || !domainProblem(name)) return undefined;
  return `The network name '${name}' is not a valid domain name: choose Custom and enter one, or None.`;
}
