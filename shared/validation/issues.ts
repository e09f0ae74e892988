/** The shape of a validation finding, shared by every rule module. */

export interface ValidationError {
  /** The element concerned, as a path from the root: 'network/ip/dhcp/range'. */
  readonly element: string;
  /** One sentence: what is wrong, in libvirt's words where libvirt has them, and what to do. */
  readonly message: string;
  /**
   * 'invalid': the definition is wrong (libvirt refuses it too).
   * 'unsupported': valid, but this host (vnm) cannot run it.
   */
  readonly kind: 'invalid' | 'unsupported';
}

/** Collects findings; rule modules call `add` and never throw. */
export class Findings {
  readonly list: ValidationError[] = [];
  constructor(readonly networkName: string) {}

  add(element: string, message: string): void {
    this.list.push({ element, message, kind: 'invalid' });
  }

  unsupported(element: string, message: string): void {
    this.list.push({ element, message, kind: 'unsupported' });
  }
}
