/** net-port-list, net-port-create, net-port-dumpxml, net-port-delete, as virsh prints them. */
import type { NetworkPortSummary } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import { canonicalUuid } from '../../../shared/xml/uuid';
import type { Verb } from '../context';
import { arg, CliFailure, withContext } from '../context';
import { formatTable } from '../table';
import { readXmlFile } from './lifecycle';

/** virsh's table: one UUID column, ports sorted by UUID. */
export function formatPortTable(ports: readonly NetworkPortSummary[], header = true): string {
  return formatTable(
    ['UUID'],
    sortPorts(ports).map((p) => [p.uuid]),
    { header },
  );
}

export function formatPortUuids(ports: readonly NetworkPortSummary[]): string {
  return sortPorts(ports)
    .map((p) => `${p.uuid}\n`)
    .join('');
}

function sortPorts(ports: readonly NetworkPortSummary[]): NetworkPortSummary[] {
  return [...ports].sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0));
}

/**
 * Where virsh prints only libvirt's error (no "Failed to …" line first): the reason alone,
 * or virsh's two lines when the network itself is unknown.
 */
export async function withoutContext<T>(ref: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await withContext('', ref, fn);
  } catch (err) {
    if (err instanceof CliFailure && err.lines[0] === '') throw new CliFailure(err.lines.slice(1));
    throw err;
  }
}

/** A port lookup that failed is virsh's "failed to get network port"; anything else its own context. */
function portContext(err: unknown, port: string, otherwise: string): string {
  // Not found, not a UUID, or the network not running: libvirt's lookup of the port fails.
  const lookup = err instanceof VnmError && ['not-found', 'invalid-argument', 'conflict'].includes(err.kind);
  return lookup ? `failed to get network port '${port}'` : otherwise;
}

const NET_PORT = { positionals: ['network', 'port'], required: 2 } as const;

export const portVerbs: Verb[] = [
  {
    name: 'net-port-list',
    summary: 'list network ports',
    args: { positionals: ['network'], required: 1, flags: ['uuid', 'table'] },
    async run(ctx, a) {
      if (a.flags.has('uuid') && a.flags.has('table'))
        throw new CliFailure(['Only one argument from --table and --uuid may be specified.']);
      const ref = arg(a, 'network');
      const ports = await withoutContext(ref, async () =>
        (await ctx.client()).call('network.portList', { network: ref }),
      );
      ctx.out(a.flags.has('uuid') ? formatPortUuids(ports) : formatPortTable(ports, !ctx.quiet));
    },
  },
  {
    name: 'net-port-create',
    summary: 'create a network port from an XML file',
    args: { positionals: ['network', 'file'], required: 2, flags: ['validate'] },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const file = arg(a, 'file');
      const xml = await readXmlFile(file);
      const { uuid } = await withContext(`Failed to create network from ${file}`, ref, async () =>
        (await ctx.client()).call('network.portCreate', { network: ref, xml }),
      );
      ctx.extra(`Network port ${uuid} created from ${file}\n`);
    },
  },
  {
    name: 'net-port-dumpxml',
    summary: 'network port information in XML',
    args: NET_PORT,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const port = arg(a, 'port');
      const { xml } = await withoutContext(ref, async () => {
        try {
          return await (await ctx.client()).call('network.portGetXml', { network: ref, port });
        } catch (err) {
          throw withPortContext(err, port, `failed to get network port '${port}'`);
        }
      });
      ctx.out(xml);
    },
  },
  {
    name: 'net-port-delete',
    summary: 'delete the specified network port',
    args: NET_PORT,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const port = arg(a, 'port');
      await withoutContext(ref, async () => {
        try {
          await (await ctx.client()).call('network.portDelete', { network: ref, port });
        } catch (err) {
          throw withPortContext(err, port, `Failed to delete network port ${canonicalUuid(port) ?? port}`);
        }
      });
      ctx.extra(`Network port ${canonicalUuid(port) ?? port} deleted\n`);
    },
  },
];

/** The error as virsh's two lines, leaving an unknown network (and a lost connection) as they are. */
function withPortContext(err: unknown, port: string, otherwise: string): unknown {
  if (!(err instanceof VnmError) || err.kind === 'connection') return err;
  if (err.kind === 'not-found' && err.message.startsWith('Network not found')) return err;
  return new CliFailure([portContext(err, port, otherwise), err.message]);
}
