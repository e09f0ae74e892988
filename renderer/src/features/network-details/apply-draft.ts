/**
 * What Apply does with a Details draft. An inactive network is redefined. A running one is
 * changed live where vnmd can (net-update with live and config, one operation at a time,
 * planned by shared/update/live-apply-plan.ts), or saved and restarted, or saved for its
 * next start, as the person chose; when an operation fails midway, the error says which
 * ones the network has and which it has not, so no partial state goes unsaid.
 */
import type { NetworkDef } from '@shared/model/network';
import type { NetworkSummary } from '@shared/rpc/contract';
import { VnmError, toErrorData } from '@shared/rpc/errors';
import { planLiveApply } from '@shared/update/live-apply-plan';
import type { UpdateOp } from '@shared/update/live-apply-plan';
import { formatNetworkXml, parseNetworkXml } from '@shared/xml';
import { withoutLiveFacts } from '@shared/xml/live-facts';
import { api } from '@/api/vnm-api';
import { applyDraftToDef } from './details-draft';
import type { DetailsDraft } from './details-draft';
import { draftProblems } from './details-problems';

/**
 * 'auto': live where it can be, the rest saved for the next start (what the prompt on leaving
 * does); 'restart': saved, then the network stopped and started; 'next-start': saved only.
 */
export type ApplyMode = 'auto' | 'restart' | 'next-start';

async function readDef(network: string, inactive: boolean): Promise<NetworkDef> {
  const { xml } = await api().getNetworkXml({ network, inactive });
  const parsed = parseNetworkXml(xml);
  if (parsed.ok) return parsed.def;
  const reason = parsed.errors[0]?.message ?? 'it cannot be read';
  throw new VnmError(
    'invalid-argument',
    `The ${inactive ? 'saved' : 'running'} definition cannot be edited here: ${reason} Fix it in the XML tab.`,
  );
}

async function save(def: NetworkDef, than: NetworkDef): Promise<void> {
  const xml = formatNetworkXml(def);
  if (xml !== formatNetworkXml(than)) await api().defineNetwork({ xml });
}

const list = (ops: readonly UpdateOp[]) => (ops.length > 0 ? ops.map((o) => o.label).join('; ') : 'none');

/** Runs the operations in order; a failure names what the network has and what it has not. */
async function runOps(network: string, ops: readonly UpdateOp[]): Promise<void> {
  for (const [i, op] of ops.entries()) {
    const { label: _label, ...params } = op;
    try {
      await api().updateNetwork({ network, ...params, live: true, config: true });
    } catch (err) {
      const reason = toErrorData(err).message.replace(/\.$/, '');
      throw new VnmError(
        'operation-failed',
        `Could not ${op.label} on the running network: ${reason}. ` +
          `Applied (running and saved): ${list(ops.slice(0, i))}. ` +
          `Not applied: ${list(ops.slice(i))}. Check the values and press Apply again.`,
      );
    }
  }
}

/** Live where every change can be; otherwise saved only (the network then shows Restart). */
async function applyLive(network: string, stored: NetworkDef, next: NetworkDef): Promise<void> {
  // Live XML carries what libvirt shows only while running (connections, NAT's default ports):
  // without them, so they are neither a change nor saved into the definition.
  const running = withoutLiveFacts(await readDef(network, false), stored);
  const plan = planLiveApply(running, next);
  if (plan.restartFor.length > 0) return save(next, stored);
  // With nothing that needs a restart, the running definition is the saved one but for the
  // live parts: saved first, so each operation finds the same entries in both.
  await save(running, stored);
  await runOps(network, plan.ops);
  await save(next, await readDef(network, true));
}

/**
 * Applies the draft to the network as `mode` says, then On Boot. Throws a VnmError a person
 * can read when the draft is wrong for the definition as it is now (it may have changed).
 */
export async function applyDraftTo(
  draft: DetailsDraft,
  summary: NetworkSummary | undefined,
  mode: ApplyMode,
): Promise<void> {
  const network = draft.network;
  const stored = await readDef(network, true);
  const problem = draftProblems(draft, stored)[0];
  if (problem) throw new VnmError('invalid-argument', problem.message);
  const next = applyDraftToDef(stored, draft);
  if (!summary?.active || mode === 'next-start') await save(next, stored);
  else if (mode === 'auto') await applyLive(network, stored, next);
  else {
    await save(next, stored);
    await api().stopNetwork({ network });
    await api()
      .startNetwork({ network })
      .catch((err: unknown) => {
        const reason = toErrorData(err).message.replace(/\.$/, '');
        throw new VnmError(
          'operation-failed',
          `The changes are saved and network ${network} was stopped, but it did not start again: ${reason}. ` +
            'Fix the values in Details, or start it with Start network.',
        );
      });
  }
  if (summary?.autostart !== draft.autostart) {
    await api().setAutostart({ network, autostart: draft.autostart });
  }
}
