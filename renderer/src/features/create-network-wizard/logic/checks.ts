/**
 * Every check of the wizard at once, as a map from field to its one problem. Fields that
 * depend on another (a gateway on its network) are checked only once that one is valid, so
 * a person sees the first thing to fix, not its echoes.
 */
import type { IpFamily } from '@shared/model/network';
import type { Cidr, IpAddress } from '@shared/net';
import { parseCidr } from '@shared/net';
import { validateNetworkDef } from '@shared/validation/validate-network';
import { buildNetworkDef } from '@shared/wizard/build-network';
import type { WizardChoices } from '@shared/wizard/choices';
import { hasAddressing } from '@shared/wizard/choices';
import { checkAddressSyntax, checkHostAddress, checkNetwork, checkRangeOrder } from './address-checks';
import type { WizardContext } from './context';
import { domainProblem, hostBridgeProblem, nameAsDomainProblem, nameProblem } from './name-checks';
import { ovnFieldErrors, ovnReadyProblem } from './ovn-checks';
import type { FieldKey, StepId } from './steps';
import { STEP_FIELDS } from './steps';

export type FieldErrors = Partial<Record<FieldKey, string>>;

type FamilyKeys = { network: FieldKey; gateway: FieldKey; start: FieldKey; end: FieldKey };
const KEYS: Record<IpFamily, FamilyKeys> = {
  ipv4: { network: 'ipv4Network', gateway: 'ipv4Gateway', start: 'ipv4Start', end: 'ipv4End' },
  ipv6: { network: 'ipv6Network', gateway: 'ipv6Gateway', start: 'ipv6Start', end: 'ipv6End' },
};

interface FamilyInput {
  readonly network: string;
  readonly gateway: string;
  readonly dhcp: boolean;
  readonly start: string;
  readonly end: string;
}

function rangeErrors(
  input: FamilyInput,
  cidr: Cidr,
  gateway: IpAddress | undefined,
  keys: FamilyKeys,
): FieldErrors {
  const errors: FieldErrors = {};
  const start = checkHostAddress(input.start, cidr, 'start', gateway);
  const end = checkHostAddress(input.end, cidr, 'end', gateway);
  if (start.problem !== undefined) errors[keys.start] = start.problem;
  if (end.problem !== undefined) errors[keys.end] = end.problem;
  if (start.problem === undefined && end.problem === undefined) {
    const order = checkRangeOrder(start.value, end.value);
    if (order) errors[keys.end] = order;
  }
  return errors;
}

/** While the network is wrong, the other fields are checked for their spelling only. */
function syntaxErrors(family: IpFamily, input: FamilyInput): FieldErrors {
  const keys = KEYS[family];
  const errors: FieldErrors = {};
  const fields: [FieldKey, string, boolean][] = [
    [keys.gateway, input.gateway, true],
    [keys.start, input.start, input.dhcp],
    [keys.end, input.end, input.dhcp],
  ];
  for (const [key, text, used] of fields) {
    const problem = used ? checkAddressSyntax(text, family) : undefined;
    if (problem) errors[key] = problem;
  }
  return errors;
}

function familyErrors(family: IpFamily, input: FamilyInput, ctx: WizardContext): FieldErrors {
  const keys = KEYS[family];
  const network = checkNetwork(input.network, family, ctx.takenSubnets);
  if (network.problem !== undefined)
    return { [keys.network]: network.problem, ...syntaxErrors(family, input) };
  const errors: FieldErrors = {};
  const gateway = checkHostAddress(input.gateway, network.value, 'gateway');
  if (gateway.problem !== undefined) errors[keys.gateway] = gateway.problem;
  if (!input.dhcp) return errors;
  const gatewayAddress = gateway.problem === undefined ? gateway.value : undefined;
  return { ...errors, ...rangeErrors(input, network.value, gatewayAddress, keys) };
}

function dnsErrors(c: WizardChoices): FieldErrors {
  if (c.dnsChoice === 'custom') {
    const problem = domainProblem(c.customDomain.trim());
    return problem ? { customDomain: problem } : {};
  }
  const problem = c.dnsChoice === 'name' ? nameAsDomainProblem(c.name) : undefined;
  return problem ? { dnsChoice: problem } : {};
}

const ipv4Of = (c: WizardChoices): FamilyInput => ({
  network: c.ipv4Network,
  gateway: c.ipv4Gateway,
  dhcp: c.ipv4Dhcp,
  start: c.ipv4Start,
  end: c.ipv4End,
});

/**
 * OVN: the IPv4 fields are its subnet, router address and DHCP range, checked as the other
 * modes' are (the subnet against this host's too: a guest routed out must not meet it here).
 */
function ovnErrors(c: WizardChoices, ctx: WizardContext): FieldErrors {
  const errors: FieldErrors = {};
  const ready = ovnReadyProblem(ctx.ovn);
  if (ready) errors.mode = ready;
  Object.assign(errors, familyErrors('ipv4', ipv4Of(c), ctx));
  const subnet = errors.ipv4Network === undefined ? parseCidr(c.ipv4Network.trim()) : undefined;
  Object.assign(errors, ovnFieldErrors(c, ctx.ovn, subnet));
  // OVN hands the domain out with DHCP only; without DHCP it is not written, so not checked.
  if (c.ipv4Dhcp) Object.assign(errors, dnsErrors(c));
  return errors;
}

function fieldErrors(c: WizardChoices, ctx: WizardContext): FieldErrors {
  const errors: FieldErrors = {};
  const name = nameProblem(c.name, ctx.existingNames);
  if (name) errors.name = name;
  if (c.mode === 'ovn') return { ...errors, ...ovnErrors(c, ctx) };
  if (c.mode === 'bridge') {
    const bridge = hostBridgeProblem(c.hostBridge, ctx.hostBridges);
    if (bridge) errors.hostBridge = bridge;
    return errors;
  }
  const v4 = ipv4Of(c);
  const v6 = {
    network: c.ipv6Network,
    gateway: c.ipv6Gateway,
    dhcp: c.ipv6Dhcp,
    start: c.ipv6Start,
    end: c.ipv6End,
  };
  Object.assign(errors, familyErrors('ipv4', v4, ctx));
  if (c.ipv6Enabled) Object.assign(errors, familyErrors('ipv6', v6, ctx));
  if (hasAddressing(c.mode)) Object.assign(errors, dnsErrors(c));
  return errors;
}

/** All problems of the choices; when the fields are fine, libvirt's own rules on the result. */
export function checkWizard(c: WizardChoices, ctx: WizardContext): FieldErrors {
  const errors = fieldErrors(c, ctx);
  if (Object.keys(errors).length > 0) return errors;
  const findings = validateNetworkDef(buildNetworkDef(c));
  return findings[0] ? { definition: findings[0].message } : {};
}

/** The problems shown on one step. */
export function stepErrors(errors: FieldErrors, step: StepId): FieldErrors {
  const out: FieldErrors = {};
  for (const key of STEP_FIELDS[step]) if (errors[key] !== undefined) out[key] = errors[key];
  return out;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((e) => e !== undefined);
}
