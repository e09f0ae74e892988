/**
 * An element a network adds to one of the vnm table's sets or maps. Its own file: rules.ts
 * and forward-rules.ts both make elements, and rules.ts imports forward-rules.ts.
 */

/** The sets and maps of the vnm table that networks add elements to. */
export type VnmSet =
  | 'bridges'
  | 'bridges6'
  | 'tftp_bridges'
  | 'forward_jumps'
  | 'nat4_jumps'
  | 'nat6_jumps'
  | 'dnat4_jumps'
  | 'dnat6_jumps';

export interface NftElement {
  readonly set: VnmSet;
  /** The key as nft reads it: a quoted interface name or a subnet. */
  readonly key: string;
  /** For maps: the verdict, `jump CHAIN`. */
  readonly verdict?: string;
}
