/**
 * The Add port forward dialog's fields as typed, the forward they make, and every problem
 * with them at once, each on its field. Shape problems (a port that is not a number) are
 * found here; the rules vnmd enforces too come from shared/validation/port-forward.ts, so
 * the window refuses exactly what vnmd would.
 */
import type { NetworkDef } from '@shared/model/network';
import type { ForwardProtocol, PortForward } from '@shared/model/port-forward';
import { parsePortRange } from '@shared/model/port-forward';
import type { OtherNetwork } from '@shared/validation/port-forward';
import { forwardProblems } from '@shared/validation/port-forward';

export interface ForwardDraft {
  readonly protocol: ForwardProtocol;
  readonly hostPort: string;
  /** '' is every host address outside the network. */
  readonly hostAddress: string;
  readonly guestAddress: string;
  /** '' is the same port(s) as the host's. */
  readonly guestPort: string;
  readonly description: string;
}

export type DraftField = keyof ForwardDraft;

export const EMPTY_DRAFT: ForwardDraft = {
  protocol: 'tcp',
  hostPort: '',
  hostAddress: '',
  guestAddress: '',
  guestPort: '',
  description: '',
};

const PORT_SHAPE = 'Enter a port from 1 to 65535, or a range such as 8000-8010.';

/** The forward the fields describe, or null when a port is not a port or range at all. */
export function forwardFromDraft(d: ForwardDraft): PortForward | null {
  const hostPort = parsePortRange(d.hostPort);
  const guestPort = d.guestPort.trim() ? parsePortRange(d.guestPort) : hostPort;
  if (!hostPort || !guestPort) return null;
  const description = d.description.trim();
  return {
    protocol: d.protocol,
    ...(d.hostAddress ? { hostAddress: d.hostAddress } : {}),
    hostPort,
    guestAddress: d.guestAddress.trim(),
    guestPort,
    ...(description ? { description } : {}),
  };
}

/** Every problem of the draft, by field; a problem of the network as a whole is under 'network'. */
export function draftProblems(
  d: ForwardDraft,
  network: NetworkDef,
  others: readonly OtherNetwork[],
): Partial<Record<DraftField | 'network', string>> {
  const out: Partial<Record<DraftField | 'network', string>> = {};
  const note = (field: DraftField | 'network', message: string) => {
    // The first problem of a field is the one to fix first; the rest follow once it is.
    out[field] ??= message;
  };
  if (!d.hostPort.trim()) note('hostPort', 'Enter the host port guests are reached on, e.g. 8080.');
  else if (!parsePortRange(d.hostPort)) note('hostPort', PORT_SHAPE);
  if (d.guestPort.trim() && !parsePortRange(d.guestPort)) note('guestPort', PORT_SHAPE);
  if (!d.guestAddress.trim()) note('guestAddress', 'Pick a guest or type its address.');

  // Checks of the forward as a whole run on stand-in ports while a port field is unreadable,
  // so the other fields still show their problems as the person types.
  const forward = forwardFromDraft({
    ...d,
    hostPort: out.hostPort ? '1' : d.hostPort,
    guestPort: out.guestPort ? '' : d.guestPort,
  });
  if (!forward) return out;
  const hostUnreadable = out.hostPort !== undefined;
  for (const p of forwardProblems(forward, network, others)) {
    // Against a stand-in host port, port checks would be about the stand-in, not the input.
    if ((p.field === 'hostPort' || p.field === 'guestPort') && hostUnreadable) continue;
    if (p.field === 'guestAddress' && !d.guestAddress.trim()) continue;
    note(p.field, p.message);
  }
  return out;
}
