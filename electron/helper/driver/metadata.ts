/**
 * net-desc and net-metadata: read or change a network's <title>, <description> or one
 * namespace's element of <metadata>, in the live and/or stored definition, with libvirt's
 * rules for which one (virNetworkObjUpdateModificationImpact) and its words for refusals.
 */
import type { NetworkDef } from '../../../shared/model/network';
import type { MetadataType } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import { metadataInner, VNM_XMLNS } from '../../../shared/xml/forwards';
import {
  MetadataInputError,
  getMetadataElement,
  setMetadataElement,
} from '../../../shared/xml/metadata-element';
import type { DriverContext } from './context';
import type { NetworkEntry } from './table';
import { formatDefinition, parseDefinition } from './xml';

export interface Affect {
  readonly live: boolean;
  readonly config: boolean;
}

export interface MetadataRequest extends Affect {
  readonly type: MetadataType;
  readonly uri?: string;
}

export interface MetadataChange extends MetadataRequest {
  readonly value: string | null;
  readonly key?: string;
}

/** Which definitions the flags name: neither means the live one if running, else the stored one. */
export function affected(e: NetworkEntry, a: Affect): { live: boolean; config: boolean } {
  const current = !a.live && !a.config;
  const live = a.live || (current && e.live !== null);
  const config = a.config || (current && e.live === null);
  if (live && !e.live) {
    throw new VnmError(
      'conflict',
      `Requested operation is not valid: network is not running; use --config for the stored definition of '${e.name}'.`,
    );
  }
  if (config && !e.config) {
    throw new VnmError(
      'conflict',
      `Requested operation is not valid: cannot change persistent config of a transient network; use --live for '${e.name}'.`,
    );
  }
  return { live, config };
}

function checkUri(r: MetadataRequest & { key?: string }): void {
  if (r.type === 'element' && r.uri === undefined)
    throw new VnmError(
      'invalid-argument',
      'invalid argument: metadata of type element needs the namespace URI.',
    );
  if (r.type !== 'element' && (r.uri !== undefined || r.key !== undefined))
    throw new VnmError('invalid-argument', `invalid argument: a ${r.type} takes no namespace URI or key.`);
}

/** What net-desc / net-metadata print; not-found when the element is not there, as libvirt. */
export function readMetadata(e: NetworkEntry, r: MetadataRequest): string {
  checkUri(r);
  if (r.live && r.config) {
    throw new VnmError(
      'invalid-argument',
      'invalid argument: --live and --config cannot be read at once; ask for one of them.',
    );
  }
  const which = affected(e, r);
  const def = which.live ? e.live! : e.config!;
  const value =
    r.type === 'title'
      ? def.title
      : r.type === 'description'
        ? def.description
        : getMetadataElement(metadataInner(def), r.uri!);
  if (value === undefined)
    throw new VnmError('not-found', 'metadata not found: Requested metadata element is not present');
  return value;
}

/** The definition with the change made; throws (changing nothing) when libvirt would refuse it. */
export function withMetadata(def: NetworkDef, c: MetadataChange): NetworkDef {
  let next: NetworkDef;
  if (c.type === 'title' || c.type === 'description') {
    if (c.type === 'title' && c.value?.includes('\n'))
      throw new VnmError(
        'invalid-argument',
        "invalid argument: metadata title can't contain newlines; write it on one line.",
      );
    // An empty text removes the element, as libvirt does.
    const { [c.type]: _old, ...rest } = def;
    next = c.value ? { ...rest, [c.type]: c.value } : rest;
  } else {
    if (c.uri === VNM_XMLNS)
      throw new VnmError(
        'invalid-argument',
        `the namespace ${VNM_XMLNS} is vnm's own (its port forwards); change forwards with vnm net-forward-add and net-forward-remove.`,
      );
    try {
      const inner = setMetadataElement(def.metadata, c.uri!, c.key, c.value);
      const { metadata: _old, ...rest } = def;
      next = inner === undefined ? rest : { ...rest, metadata: inner };
    } catch (err) {
      if (err instanceof MetadataInputError) throw new VnmError('invalid-argument', err.message);
      throw err;
    }
  }
  // What is stored must read back as it was written, as any definition does.
  parseDefinition(formatDefinition(next));
  return next;
}

export interface MetadataPlan {
  readonly config: NetworkDef | null;
  readonly live: NetworkDef | null;
}

export function planMetadata(e: NetworkEntry, c: MetadataChange): MetadataPlan {
  checkUri(c);
  if (c.type === 'element' && c.value !== null && c.key === undefined)
    throw new VnmError(
      'invalid-argument',
      'namespace key is required when modifying metadata; give --key PREFIX.',
    );
  const which = affected(e, c);
  return {
    config: which.config ? withMetadata(e.config!, c) : null,
    live: which.live ? withMetadata(e.live!, c) : null,
  };
}

/**
 * Applies a planned change: the running definition (its runtime status) first, the stored one
 * last, putting the running one back if storing fails, so a failure changes nothing.
 */
export async function commitMetadata(e: NetworkEntry, plan: MetadataPlan, ctx: DriverContext): Promise<void> {
  const status = e.status;
  if (plan.live && status) {
    const next = { ...status, liveXml: formatDefinition(plan.live) };
    await ctx.statusStore.save(next);
    if (plan.config) {
      try {
        await ctx.configStore.save(e.name, formatDefinition(plan.config));
      } catch (err) {
        await ctx.statusStore
          .save(status)
          .catch((undo: unknown) =>
            ctx.log(`network ${e.name}: taking back a metadata change failed: ${String(undo)}`),
          );
        throw err;
      }
    }
    e.status = next;
    e.live = plan.live;
  } else if (plan.config) {
    await ctx.configStore.save(e.name, formatDefinition(plan.config));
  }
  if (plan.config) e.config = plan.config;
}
