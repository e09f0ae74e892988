/**
 * A port or port range (start = end for one port): NAT's source ports in a network's <nat>
 * and both sides of a port forward. On its own so that network.ts and port-forward.ts both
 * use it without importing each other.
 */
export interface PortRange {
  readonly start: number;
  readonly end: number;
}
