/** How a port forward reads in the window: its table cells and its one-line description. */
import type { ForwardProtocol, PortForward } from '@shared/model/port-forward';
import { formatPortRange } from '@shared/model/port-forward';

export const PROTOCOL_LABEL: Record<ForwardProtocol, string> = {
  tcp: 'TCP',
  udp: 'UDP',
  all: 'TCP and UDP',
};

export const ALL_ADDRESSES = 'all addresses';

export function hostAddressText(f: PortForward): string {
  return f.hostAddress ?? ALL_ADDRESSES;
}

/** "TCP port 8080 on all addresses to 192.168.122.10 port 80 (web1)": names a forward in a question. */
export function forwardInWords(f: PortForward, guestName?: string | null): string {
  const many = f.hostPort.start !== f.hostPort.end;
  const guest = guestName ? ` (${guestName})` : '';
  return (
    `${PROTOCOL_LABEL[f.protocol]} port${many ? 's' : ''} ${formatPortRange(f.hostPort)} on ${hostAddressText(f)}` +
    ` to ${f.guestAddress}${guest} port${many ? 's' : ''} ${formatPortRange(f.guestPort)}`
  );
}

/** A stable React key: vnmd refuses two forwards with the same protocol, host address and port. */
export function forwardKey(f: PortForward): string {
  return `${f.protocol}|${f.hostAddress ?? ''}|${f.hostPort.start}`;
}
