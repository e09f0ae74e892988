/**
 * Errors that cross the RPC and IPC boundaries as data. Every error a person can see
 * carries one sentence that says what was wrong and what to do (`message`), a stable
 * `kind` that code can switch on, and optional `details` for an expandable section.
 */

export const ERROR_KINDS = [
  'invalid-argument', // the request itself is wrong (bad name, bad XML, bad type)
  'not-found', // no such network, lease, host entry
  'conflict', // name/uuid/bridge/subnet taken, wrong state (start while active, undefine of a transient)
  'permission-denied', // read-only socket, missing capability
  'unsupported', // valid, but this host cannot do it (SR-IOV, macvtap)
  'operation-failed', // the host refused a step (nft, ip, dnsmasq); host was restored
  'connection', // the socket to vnmd is gone or never came up
  'internal', // a bug: should never reach a person, but says so plainly if it does
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface VnmErrorData {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly details?: string;
}

/** JSON-RPC 2.0 error codes used on the wire, one per kind. */
export const RPC_ERROR_CODES: Readonly<Record<ErrorKind, number>> = {
  'invalid-argument': -32602,
  'not-found': -32001,
  conflict: -32002,
  'permission-denied': -32003,
  unsupported: -32004,
  'operation-failed': -32005,
  connection: -32006,
  internal: -32603,
};

export class VnmError extends Error implements VnmErrorData {
  readonly kind: ErrorKind;
  readonly details?: string;

  constructor(kind: ErrorKind, message: string, details?: string) {
    super(message);
    this.name = 'VnmError';
    this.kind = kind;
    if (details !== undefined) this.details = details;
  }

  toData(): VnmErrorData {
    return this.details === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, details: this.details };
  }

  static fromData(data: VnmErrorData): VnmError {
    return new VnmError(data.kind, data.message, data.details);
  }
}

export function isVnmErrorData(value: unknown): value is VnmErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.message === 'string' &&
    typeof v.kind === 'string' &&
    (ERROR_KINDS as readonly string[]).includes(v.kind)
  );
}

/** Turns anything thrown into error data a person can read; unknown errors become 'internal'. */
export function toErrorData(err: unknown): VnmErrorData {
  if (err instanceof VnmError) return err.toData();
  if (isVnmErrorData(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'internal', message: `Internal error: ${message}. Please report this as a bug.` };
}
