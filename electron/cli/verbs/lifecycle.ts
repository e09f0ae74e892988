/** net-define, net-create, net-start, net-destroy, net-undefine, net-autostart. */
import { readFile } from 'node:fs/promises';
import { MAX_XML_CHARS } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import type { Verb, VerbContext } from '../context';
import { arg, CliFailure, UUID_RE, withContext } from '../context';
import { decodeXmlBytes } from '../xml-bytes';

const NET = { positionals: ['network'], required: 1 } as const;

/** The file's bytes, decoded as its byte order mark or XML declaration says (see xml-bytes.ts). */
export async function readXmlFile(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file === '-' ? '/dev/stdin' : file);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : String(err);
    throw new CliFailure([`Failed to open file '${file}': ${why}`]);
  }
  return decodeXmlBytes(bytes, file);
}

const MIB = 1024 * 1024;

/**
 * Refuses, before anything is sent, network XML longer than vnmd accepts, naming the file
 * and the limit (the contract's limit, so both ends agree).
 */
export function checkXmlSize(file: string, xml: string): void {
  const max = MAX_XML_CHARS;
  if (xml.length <= max) return;
  const size = `${(xml.length / MIB).toFixed(1)} MiB`;
  const text = `file '${file}' is too large (${size}): network XML may be at most ${max / MIB} MiB`;
  throw new VnmError('invalid-argument', text);
}

/** virsh prints the network's name even when it was given by UUID. */
async function nameOf(ctx: VerbContext, ref: string): Promise<string> {
  if (!UUID_RE.test(ref)) return ref;
  const c = await ctx.client();
  return (await c.call('network.info', { network: ref })).name;
}

export const lifecycleVerbs: Verb[] = [
  {
    name: 'net-define',
    summary: 'define an inactive persistent virtual network from an XML file',
    args: { positionals: ['file'], required: 1, flags: ['validate'] },
    async run(ctx, a) {
      const file = arg(a, 'file');
      const xml = await readXmlFile(file);
      const net = await withContext(`Failed to define network from ${file}`, null, async () => {
        checkXmlSize(file, xml);
        return (await ctx.client()).call('network.define', { xml });
      });
      ctx.out(`Network ${net.name} defined from ${file}\n`);
    },
  },
  {
    name: 'net-create',
    summary: 'create a network from an XML file (transient, started at once)',
    args: { positionals: ['file'], required: 1, flags: ['validate'] },
    async run(ctx, a) {
      const file = arg(a, 'file');
      const xml = await readXmlFile(file);
      const net = await withContext(`Failed to create network from ${file}`, null, async () => {
        checkXmlSize(file, xml);
        return (await ctx.client()).call('network.create', { xml });
      });
      ctx.out(`Network ${net.name} created from ${file}\n`);
    },
  },
  {
    name: 'net-start',
    summary: 'start a (previously defined) inactive network',
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const net = await withContext(`Failed to start network ${ref}`, ref, async () =>
        (await ctx.client()).call('network.start', { network: ref }),
      );
      ctx.out(`Network ${net.name} started\n`);
    },
  },
  {
    name: 'net-destroy',
    summary: 'destroy (stop) a network',
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const name = await withContext(`Failed to destroy network ${ref}`, ref, async () => {
        const n = await nameOf(ctx, ref);
        await (await ctx.client()).call('network.destroy', { network: ref });
        return n;
      });
      ctx.out(`Network ${name} destroyed\n`);
    },
  },
  {
    name: 'net-undefine',
    summary: 'undefine a persistent network',
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const name = await withContext(`Failed to undefine network ${ref}`, ref, async () => {
        const n = await nameOf(ctx, ref);
        await (await ctx.client()).call('network.undefine', { network: ref });
        return n;
      });
      ctx.out(`Network ${name} has been undefined\n`);
    },
  },
  {
    name: 'net-autostart',
    summary: 'autostart a network',
    args: { ...NET, flags: ['disable'] },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const on = !a.flags.has('disable');
      const verb = on ? 'mark' : 'unmark';
      const net = await withContext(`failed to ${verb} network ${ref} as autostarted`, ref, async () =>
        (await ctx.client()).call('network.setAutostart', { network: ref, autostart: on }),
      );
      ctx.out(`Network ${net.name} ${on ? 'marked' : 'unmarked'} as autostarted\n`);
    },
  },
];
