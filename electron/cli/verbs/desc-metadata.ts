/** net-desc and net-metadata (virsh 9.7+): a network's <title>, <description> and <metadata>. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VnmError } from '../../../shared/rpc/errors';
import type { ParsedArgs } from '../args';
import type { Verb, VerbContext } from '../context';
import { arg, CliFailure, UUID_RE, withContext } from '../context';
import { runEditor } from './edit';
import { withoutContext } from './ports';

/** virsh's VSH_EXCLUSIVE_OPTIONS: the first pair given together is refused. */
export function checkExclusive(a: ParsedArgs, pairs: readonly (readonly [string, string])[]): void {
  const given = (name: string) => a.flags.has(name) || a.values[name] !== undefined;
  for (const [x, y] of pairs) {
    if (given(x) && given(y)) throw new CliFailure([`Options --${x} and --${y} are mutually exclusive`]);
  }
}

const CURRENT_PAIRS = [
  ['current', 'live'],
  ['current', 'config'],
] as const;

function affect(a: ParsedArgs): { live: boolean; config: boolean } {
  return { live: a.flags.has('live'), config: a.flags.has('config') };
}

const isMissingMetadata = (err: unknown) =>
  err instanceof VnmError && err.kind === 'not-found' && err.message.startsWith('metadata not found');

/** The title or description, '' when the network has none (virsh's virshGetNetworkDescription). */
async function readDesc(ctx: VerbContext, ref: string, type: 'title' | 'description', a: ParsedArgs) {
  return withoutContext(ref, async () => {
    try {
      const r = await (await ctx.client()).call('network.getMetadata', { network: ref, type, ...affect(a) });
      return r.value;
    } catch (err) {
      if (isMissingMetadata(err)) return '';
      throw err;
    }
  });
}

/** Edits `text` in $EDITOR; a title loses the one newline editors add at the end. */
function editText(text: string, title: boolean, name = 'desc.txt'): string {
  const dir = mkdtempSync(join(tmpdir(), 'vnm-desc-'));
  try {
    const file = join(dir, name);
    writeFileSync(file, text, { mode: 0o600 });
    runEditor(file);
    const edited = readFileSync(file, 'utf8');
    return title && edited.endsWith('\n') ? edited.slice(0, -1) : edited;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function networkName(ctx: VerbContext, ref: string): Promise<string> {
  if (!UUID_RE.test(ref)) return ref;
  return (await (await ctx.client()).call('network.info', { network: ref })).name;
}

const netDesc: Verb = {
  name: 'net-desc',
  summary: "show or set network's description or title",
  args: {
    positionals: ['network', 'new-desc'],
    required: 1,
    flags: ['live', 'config', 'current', 'title', 'edit'],
  },
  async run(ctx, a) {
    checkExclusive(a, CURRENT_PAIRS);
    const ref = arg(a, 'network');
    const title = a.flags.has('title');
    const type = title ? 'title' : 'description';
    // virsh joins the words and trims the trailing blanks.
    const given = a.values['new-desc']?.replace(/ +$/, '');
    if (!a.flags.has('edit') && given === undefined) {
      const value = await readDesc(ctx, ref, type, a);
      ctx.out(value !== '' ? value : `No ${type} for network: ${await networkName(ctx, ref)}`);
      return;
    }
    const before = await readDesc(ctx, ref, type, a);
    let next = given ?? before;
    if (a.flags.has('edit')) {
      const edited = editText(next, title);
      if (edited === before) {
        ctx.extra(`Network ${type} not changed\n`);
        return;
      }
      next = edited;
    }
    await withContext(`Failed to set new network ${type}`, ref, async () =>
      (await ctx.client()).call('network.setMetadata', { network: ref, type, value: next, ...affect(a) }),
    );
    ctx.extra(`Network ${type} updated successfully`);
  },
};

/** The element to edit: the network's, or a lone newline when it has none (virsh's starting text). */
async function readElementForEdit(
  ctx: VerbContext,
  ref: string,
  uri: string,
  a: ParsedArgs,
): Promise<string> {
  return withoutContext(ref, async () => {
    try {
      const r = await (
        await ctx.client()
      ).call('network.getMetadata', {
        network: ref,
        type: 'element',
        uri,
        ...affect(a),
      });
      return r.value;
    } catch (err) {
      if (isMissingMetadata(err)) return '\n';
      throw err;
    }
  });
}

/** --edit: the element in $EDITOR, then set as edited (an emptied file removes it, as --set ''). */
async function editMetadata(ctx: VerbContext, a: ParsedArgs, ref: string, uri: string, key: string) {
  const before = await readElementForEdit(ctx, ref, uri, a);
  const edited = editText(before, false, 'metadata.xml');
  if (edited === before) {
    // virsh prints this one without a newline.
    ctx.extra('Metadata not changed');
    return;
  }
  await withoutContext(ref, async () =>
    (await ctx.client()).call('network.setMetadata', {
      network: ref,
      type: 'element',
      value: edited,
      key,
      uri,
      ...affect(a),
    }),
  );
  ctx.extra('Metadata modified\n');
}

export const netMetadata: Verb = {
  name: 'net-metadata',
  summary: "show or set network's custom XML metadata",
  args: {
    positionals: ['network', 'uri'],
    required: 2,
    options: ['key', 'set'],
    flags: ['live', 'config', 'current', 'remove', 'edit'],
  },
  async run(ctx, a) {
    checkExclusive(a, [...CURRENT_PAIRS, ['edit', 'set'], ['remove', 'set'], ['remove', 'edit']]);
    const ref = arg(a, 'network');
    const uri = arg(a, 'uri');
    const key = a.values.key;
    const set = a.values.set;
    const edit = a.flags.has('edit');
    if ((set !== undefined || edit) && key === undefined)
      throw new CliFailure(['namespace key is required when modifying metadata']);
    if (edit) return editMetadata(ctx, a, ref, uri, key!);
    if (set !== undefined || a.flags.has('remove')) {
      await withoutContext(ref, async () =>
        (await ctx.client()).call('network.setMetadata', {
          network: ref,
          type: 'element',
          value: set ?? null,
          key,
          uri,
          ...affect(a),
        }),
      );
      ctx.extra(set !== undefined ? 'Metadata modified\n' : 'Metadata removed\n');
      return;
    }
    const { value } = await withoutContext(ref, async () =>
      (await ctx.client()).call('network.getMetadata', { network: ref, type: 'element', uri, ...affect(a) }),
    );
    ctx.out(`${value}\n`);
  },
};

export const descMetadataVerbs: Verb[] = [netDesc, netMetadata];
