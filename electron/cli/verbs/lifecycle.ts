/** net-define, net-create, net-start, net-destroy, net-undefine, net-autostart. */
import { readFile } from 'node:fs/promises';
import { MAX_XML_CHARS } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import type { Verb } from '../context';
import { arg, CliFailure, withContext } from '../context';
import { decodeXmlBytes } from '../xml-bytes';
import type { OptionDoc, VerbDoc } from '../help';

const NET = { positionals: ['network'], required: 1 } as const;
const NETWORK: OptionDoc = { name: 'network', type: 'data', help: 'network name or uuid' };
const FROM_FILE: readonly OptionDoc[] = [
  { name: 'file', type: 'data', help: 'file containing an XML network description' },
  { name: 'validate', type: 'bool', help: 'validate the XML against the schema' },
];
const networkDoc = (help: string, desc: string): VerbDoc => ({ help, desc, options: [NETWORK] });

/** --validate's schema check, loaded only then: the XML codec is not needed by the other verbs. */
async function validate(xml: string): Promise<void> {
  const { checkAgainstSchema } = await import('../validate-xml');
  checkAgainstSchema(xml);
}

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

export const lifecycleVerbs: Verb[] = [
  {
    name: 'net-define',
    summary: 'define an inactive persistent virtual network from an XML file',
    doc: {
      help: 'define an inactive persistent virtual network or modify an existing persistent one from an XML file',
      desc: 'Define or modify a persistent virtual network.',
      options: FROM_FILE,
    },
    args: { positionals: ['file'], required: 1, flags: ['validate'] },
    async run(ctx, a) {
      const file = arg(a, 'file');
      const xml = await readXmlFile(file);
      const net = await withContext(`Failed to define network from ${file}`, null, async () => {
        checkXmlSize(file, xml);
        if (a.flags.has('validate')) await validate(xml);
        return (await ctx.client()).call('network.define', { xml });
      });
      ctx.extra(`Network ${net.name} defined from ${file}\n`);
    },
  },
  {
    name: 'net-create',
    summary: 'create a network from an XML file (transient, started at once)',
    doc: { help: 'create a network from an XML file', desc: 'Create a network.', options: FROM_FILE },
    args: { positionals: ['file'], required: 1, flags: ['validate'] },
    async run(ctx, a) {
      const file = arg(a, 'file');
      const xml = await readXmlFile(file);
      const net = await withContext(`Failed to create network from ${file}`, null, async () => {
        checkXmlSize(file, xml);
        if (a.flags.has('validate')) await validate(xml);
        return (await ctx.client()).call('network.create', { xml });
      });
      ctx.extra(`Network ${net.name} created from ${file}\n`);
    },
  },
  {
    name: 'net-start',
    summary: 'start a (previously defined) inactive network',
    doc: networkDoc('start a (previously defined) inactive network', 'Start a network.'),
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      await withContext(`Failed to start network ${ref}`, ref, async () =>
        (await ctx.client()).call('network.start', { network: ref }),
      );
      // virsh names the network as it was given, a UUID too.
      ctx.extra(`Network ${ref} started\n`);
    },
  },
  {
    name: 'net-destroy',
    summary: 'destroy (stop) a network',
    doc: networkDoc('destroy (stop) a network', 'Forcefully stop a given network.'),
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      await withContext(`Failed to destroy network ${ref}`, ref, async () =>
        (await ctx.client()).call('network.destroy', { network: ref }),
      );
      ctx.extra(`Network ${ref} destroyed\n`);
    },
  },
  {
    name: 'net-undefine',
    summary: 'undefine a persistent network (a running one goes on running, transient)',
    doc: networkDoc('undefine a persistent network', 'Undefine the configuration for a persistent network.'),
    args: NET,
    async run(ctx, a) {
      const ref = arg(a, 'network');
      await withContext(`Failed to undefine network ${ref}`, ref, async () =>
        (await ctx.client()).call('network.undefine', { network: ref }),
      );
      ctx.extra(`Network ${ref} has been undefined\n`);
    },
  },
  {
    name: 'net-autostart',
    summary: 'autostart a network',
    doc: {
      help: 'autostart a network',
      desc: 'Configure a network to be automatically started at boot.',
      options: [NETWORK, { name: 'disable', type: 'bool', help: 'disable autostarting' }],
    },
    args: { ...NET, flags: ['disable'] },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const on = !a.flags.has('disable');
      const verb = on ? 'mark' : 'unmark';
      await withContext(`failed to ${verb} network ${ref} as autostarted`, ref, async () =>
        (await ctx.client()).call('network.setAutostart', { network: ref, autostart: on }),
      );
      ctx.extra(`Network ${ref} ${on ? 'marked' : 'unmarked'} as autostarted\n`);
    },
  },
];
