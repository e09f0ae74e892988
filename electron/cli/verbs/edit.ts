/** net-edit and net-update: change a definition in place. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UpdateCommand, UpdateSection } from '../../../shared/rpc/contract';
import type { Verb, VerbContext } from '../context';
import { arg, CliFailure, withContext } from '../context';
import { readXmlFile } from './lifecycle';

/** Runs the user's editor on a file, through the shell as virsh does, so EDITOR may carry options. */
export function runEditor(file: string): void {
  const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
  const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' });
  if (r.error || r.status !== 0) {
    throw new CliFailure([
      `the editor '${editor}' failed (${r.error?.message ?? `exit status ${r.status}`})`,
    ]);
  }
}

async function askRetry(): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question('Failed. Try again? [y,n]: ');
  rl.close();
  return answer.trim().toLowerCase().startsWith('y');
}

async function editLoop(ctx: VerbContext, ref: string, file: string, original: string): Promise<void> {
  const client = await ctx.client();
  for (;;) {
    runEditor(file);
    const edited = readFileSync(file, 'utf8');
    if (edited === original) {
      ctx.extra(`Network ${ref} XML configuration not changed.\n`);
      return;
    }
    try {
      const net = await client.call('network.define', { xml: edited });
      ctx.extra(`Network ${net.name} XML configuration edited.\n`);
      return;
    } catch (err) {
      ctx.err(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      if (!(await askRetry()))
        throw new CliFailure([`Failed to define network from the edited XML; nothing was changed.`]);
    }
  }
}

export const editVerbs: Verb[] = [
  {
    name: 'net-edit',
    summary: 'edit XML configuration for a network in $EDITOR',
    doc: {
      help: 'edit XML configuration for a network',
      desc: 'Edit the XML configuration for a network.',
      options: [{ name: 'network', type: 'data', help: 'network name or uuid' }],
    },
    args: { positionals: ['network'], required: 1 },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const { xml } = await withContext(`failed to get network '${ref}'`, ref, async () =>
        (await ctx.client()).call('network.getXml', { network: ref, inactive: true }),
      );
      const dir = mkdtempSync(join(tmpdir(), 'vnm-edit-'));
      const file = join(dir, `${ref.replace(/[^A-Za-z0-9_.-]/g, '_')}.xml`);
      try {
        writeFileSync(file, xml, { mode: 0o600 });
        await editLoop(ctx, ref, file, xml);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
  {
    name: 'net-update',
    summary: 'update parts of an existing network configuration',
    doc: {
      help: "update parts of an existing network's configuration",
      desc: '',
      options: [
        { name: 'network', type: 'data', help: 'network name or uuid' },
        {
          name: 'command',
          type: 'data',
          help: 'type of update (add-first, add-last (add), delete, or modify)',
        },
        { name: 'section', type: 'data', help: 'which section of network configuration to update' },
        {
          name: 'xml',
          type: 'data',
          help: "name of file containing xml (or, if it starts with '<', the complete xml element itself) to add/modify, or to be matched for search",
        },
        { name: 'parent-index', type: 'number', help: 'which parent object to search through' },
        { name: 'config', type: 'bool', help: 'affect next network startup' },
        { name: 'live', type: 'bool', help: 'affect running network' },
        { name: 'current', type: 'bool', help: 'affect current state of network' },
      ],
    },
    args: {
      positionals: ['network', 'command', 'section', 'xml'],
      required: 4,
      options: ['parent-index'],
      flags: ['live', 'config', 'current'],
    },
    async run(ctx, a) {
      const ref = arg(a, 'network');
      const command = UpdateCommand.safeParse(arg(a, 'command'));
      if (!command.success) throw new CliFailure([`unrecognized command name '${arg(a, 'command')}'`]);
      const section = UpdateSection.safeParse(arg(a, 'section'));
      if (!section.success) throw new CliFailure([`unrecognized section name '${arg(a, 'section')}'`]);
      const xmlArg = arg(a, 'xml');
      const xml = xmlArg.trimStart().startsWith('<') ? xmlArg : await readXmlFile(xmlArg);
      const parentIndex = parseParentIndex(a.values['parent-index']);
      const live = a.flags.has('live');
      const config = a.flags.has('config');
      const client = await ctx.client();
      const info = await withContext(`failed to get network '${ref}'`, ref, () =>
        client.call('network.info', { network: ref }),
      );
      await withContext(`Failed to update network ${ref}`, ref, () =>
        client.call('network.update', {
          network: ref,
          command: command.data,
          section: section.data,
          xml,
          parentIndex,
          live,
          config,
        }),
      );
      const what = updatedWhat(live, config, info.active);
      // virsh ends this message without a newline: its closing blank line ends the line.
      ctx.extra(`Updated network ${info.name} ${what}`);
    },
  },
];

function parseParentIndex(text: string | undefined): number {
  if (text === undefined) return -1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0)
    throw new CliFailure([`parent-index '${text}' is not a whole number of 0 or more`]);
  return n;
}

function updatedWhat(live: boolean, config: boolean, active: boolean): string {
  if (config && live) return 'persistent config and live state';
  if (config) return 'persistent config';
  if (live || active) return 'live state';
  return 'persistent config';
}
