/** Define from XML: check as net-define does, define with mustNotExist, select it, confirm. */
import { toErrorData } from '@shared/rpc/errors';
import { api } from '@/api/vnm-api';
import { useAppStore } from '@/stores/app-store';
import { errorLine } from '@/features/xml/error-line';
import type { XmlFinding } from './check-xml';
import { checkNetworkXml } from './check-xml';

export type DefineOutcome =
  { readonly ok: true; readonly name: string } | { readonly ok: false; readonly findings: XmlFinding[] };

export async function defineFromXml(xml: string): Promise<DefineOutcome> {
  const findings = checkNetworkXml(xml);
  if (findings.length > 0) return { ok: false, findings };
  try {
    // mustNotExist: importing must never replace a network that already has the name.
    const summary = await api().defineNetwork({ xml, mustNotExist: true });
    const app = useAppStore.getState();
    await app.refreshNetwork(summary.name);
    app.navigate({ kind: 'tab', tab: 'networks' });
    app.navigate({ kind: 'select', network: summary.name });
    app.confirm(`Network ${summary.name} defined from XML.`);
    return { ok: true, name: summary.name };
  } catch (err) {
    const data = toErrorData(err);
    const line = errorLine(xml, data.message, data.details);
    return { ok: false, findings: [{ message: data.message, line }] };
  }
}
