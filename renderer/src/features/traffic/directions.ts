/**
 * The one wording for traffic direction (#15 item 6). A virtual network's traffic is told from
 * the guests' side, said once where it is shown; a host interface's from the host's side. The
 * counters vnmd samples are the host's ends (a guest's tap, the bridge), so a port's rx is what
 * its guest sent: the labels swap rx and tx on purpose.
 */
export const GUESTS_SENT = 'Sent by guests';
export const GUESTS_RECEIVED = 'Received by guests';
export const HOST_RECEIVED = 'Received by host';
export const HOST_SENT = 'Sent by host';

export const GUESTS_POINT_OF_VIEW =
  'Directions are from the guests’ point of view: sent by guests is what they sent into the network.';
