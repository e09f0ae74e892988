/**
 * The wizard's calls to vnmd: learning the host and proposals when it opens, and Finish
 * (define, start, autostart; a failed start removes the definition again).
 */
import type { VnmClient } from '@shared/api/client';
import { VnmError, toErrorData } from '@shared/rpc/errors';
import { buildNetworkXml } from '@shared/wizard/build-network';
import { buildContext } from '@/features/create-network-wizard/logic/context';
import { followNetwork, proposeName } from '@/features/create-network-wizard/logic/proposals';
import type { OvnOffer } from '@/features/create-network-wizard/logic/ovn-offer';
import { ovnOfferFailed, ovnOfferOf, proposedOvnMtu } from '@/features/create-network-wizard/logic/ovn-offer';
import { checkNetworkXml } from '@/features/define-from-xml/check-xml';
import { errorLine } from '@/features/xml/error-line';
import { INITIAL_CHOICES, useWizardStore } from './wizard-store';

const NONE = new Set<never>();
/** Counts opens, so the answers of an earlier open never overwrite a later one. */
let generation = 0;

async function subnetsOf(
  client: VnmClient,
  names: readonly string[],
): Promise<Map<string, readonly string[]>> {
  const pairs = await Promise.all(
    names.map((network) =>
      client.networkInfo({ network }).then(
        (info) => [network, info.subnets] as const,
        // A network removed meanwhile holds no subnet.
        () => [network, [] as string[]] as const,
      ),
    ),
  );
  return new Map(pairs);
}

/** The OVN fields this host proposes: its own chassis and first bridge mapping for the uplink, its underlay's MTU. */
function ovnProposals(ovn: OvnOffer) {
  return {
    ovnMtu: String(proposedOvnMtu(ovn)),
    uplinkChassis: ovn.systemId ?? '',
    uplinkPhysnet: ovn.physnets[0] ?? '',
  };
}

/** Reads networks, interfaces, OVN and vnmd's proposals, and fills the first values. */
export async function loadWizard(client: VnmClient): Promise<void> {
  const mine = ++generation;
  const notices: string[] = [];
  const [networks, ifaces, proposal, ovnFacts] = await Promise.all([
    client.listNetworks({ filter: 'all' }).catch((err: unknown) => {
      notices.push(
        `The networks could not be listed (${toErrorData(err).message}), so names and subnets are not checked against them.`,
      );
      return [];
    }),
    client.hostInterfaces({}).catch((err: unknown) => {
      notices.push(`The host's interfaces could not be listed (${toErrorData(err).message}).`);
      return [];
    }),
    client.proposeSubnet({ prefix: 24 }).catch((err: unknown) => {
      notices.push(`vnmd proposed no subnet: ${toErrorData(err).message}`);
      return undefined;
    }),
    // No notice: the OVN mode itself says why it is not offered.
    client.ovnHost({}).catch((err: unknown) => toErrorData(err).message),
  ]);
  const ovn = typeof ovnFacts === 'string' ? ovnOfferFailed(ovnFacts) : ovnOfferOf(ovnFacts, ifaces);
  const context = buildContext(
    networks,
    await subnetsOf(
      client,
      networks.map((n) => n.name),
    ),
    ifaces,
    ovn,
  );
  if (mine !== generation) return;
  let values = {
    ...INITIAL_CHOICES,
    name: proposeName(context.existingNames),
    hostBridge: context.hostBridges[0] ?? '',
    ipv4Network: proposal?.subnet ?? '',
    ipv6Network: proposal?.ipv6Subnet ?? '',
    ...ovnProposals(ovn),
  };
  values = followNetwork(followNetwork(values, 'ipv4', NONE), 'ipv6', NONE);
  useWizardStore.setState({
    phase: 'ready',
    values,
    context,
    proposedBridge: proposal?.bridge,
    proposedSubnet: proposal?.subnet,
    notice: notices.length > 0 ? notices.join(' ') : null,
  });
}

/** Forgets an earlier open's answers still on their way. */
export function abandonWizard(): void {
  generation++;
}

export type FinishOutcome =
  { readonly ok: true; readonly name: string; readonly autostartError?: unknown } | { readonly ok: false };

/** Why edited XML was refused, with the line it names (which the XML view marks). */
function xmlFail(message: string, line: number | null): FinishOutcome {
  return fail(`Nothing was defined: ${line ? `line ${line}: ` : ''}${message}`, line);
}

function fail(message: string, line: number | null = null): FinishOutcome {
  useWizardStore.setState({ phase: 'ready', finishError: message, finishLine: line });
  return { ok: false };
}

/** Whether `name` is defined now; the wizard's name check learns every name there is. */
async function nameTaken(client: VnmClient, name: string): Promise<boolean> {
  const now = await client.listNetworks({ filter: 'all' }).catch(() => []);
  const context = useWizardStore.getState().context;
  useWizardStore.setState({ context: { ...context, existingNames: now.map((n) => n.name) } });
  return now.some((n) => n.name === name);
}

/**
 * Defines the network (the XML as edited on the Summary, else the form's), then starts it and
 * sets autostart as ticked. Edited XML is checked as net-define checks it first, as Define
 * from XML does, so nothing is sent that vnmd would refuse for its form.
 */
export async function finishWizard(client: VnmClient): Promise<FinishOutcome> {
  const { values: form, phase, editedXml } = useWizardStore.getState();
  if (phase !== 'ready') return { ok: false };
  const xml = editedXml ?? buildNetworkXml(form);
  const [finding] = editedXml === null ? [] : checkNetworkXml(editedXml);
  if (finding) return xmlFail(finding.message, finding.line);
  useWizardStore.setState({ phase: 'finishing', finishError: null, finishLine: null });
  let name = form.name;
  try {
    // vnmd refuses the name if it exists by then: no window between a look and the define.
    name = (await client.defineNetwork({ xml, mustNotExist: true })).name;
  } catch (err) {
    const data = toErrorData(err);
    if (editedXml !== null) return xmlFail(data.message, errorLine(xml, data.message, data.details));
    if (err instanceof VnmError && err.kind === 'conflict' && (await nameTaken(client, name)))
      return fail(`A network named '${name}' was defined meanwhile: go back and choose another name.`);
    return fail(`Network ${name} was not defined: ${data.message}`);
  }
  const c = { ...form, name };
  if (c.startNow) {
    try {
      await client.startNetwork({ network: c.name });
    } catch (err) {
      const reason = toErrorData(err).message;
      const undo = await client.undefineNetwork({ network: c.name }).then(
        () => 'Its definition was removed; change what the reason names and press Finish again.',
        (e: unknown) =>
          `Its definition could not be removed either (${toErrorData(e).message}); delete it from the list.`,
      );
      return fail(`Network ${c.name} could not be started: ${reason} ${undo}`);
    }
  }
  if (!c.autostart) return { ok: true, name: c.name };
  try {
    await client.setAutostart({ network: c.name, autostart: true });
    return { ok: true, name: c.name };
  } catch (err) {
    return { ok: true, name: c.name, autostartError: err };
  }
}
