/**
 * Keeps the store in step with vnmd: events say what changed and the store fetches it
 * again; a connection that comes back reloads everything (events were missed).
 */
import type { VnmEvent } from '@shared/rpc/contract';
import type { VnmClient } from '@shared/api/client';
import type { ConnectionStatus } from '@shared/api/contract';
import { useAppStore } from './app-store';
import { statsStore } from './stats-store';
import { openDefineFromXml } from './define-xml-store';
import { takeConnectionStatus } from '@/api/early-calls';

export async function loadEverything(): Promise<void> {
  const s = useAppStore.getState();
  await Promise.all([s.loadNetworks(), s.loadHost(), s.loadInterfaces(), s.loadFindings()]);
  const selected = useAppStore.getState().selected;
  if (selected) await useAppStore.getState().refreshNetwork(selected);
}

export function routeEvent(event: VnmEvent): void {
  const s = useAppStore.getState();
  switch (event.type) {
    case 'lifecycle':
      if (event.event === 'stopped' || event.event === 'undefined') statsStore.forget(event.network);
      void s.networkChanged(event.network);
      // A start or stop changes what is wrong; vnmd's findings event may not come (older vnmd).
      void s.loadFindings(true);
      return;
    case 'stats':
      statsStore.ingest(event.samples);
      return;
    case 'leases':
      if (s.leases[event.network] || s.selected === event.network) void s.loadLeases(event.network);
      return;
    case 'interfaces':
      void s.loadInterfaces();
      return;
    case 'findings':
      s.takeFindings(event.findings);
      return;
    default:
      assertNever(event);
  }
}

function assertNever(value: never): void {
  console.warn('vnm: unknown event from vnmd', value);
}

export function routeConnection(status: ConnectionStatus): void {
  const before = useAppStore.getState().connection.state;
  useAppStore.getState().setConnection(status);
  if (status.state === 'connected' && before !== 'connected') void loadEverything();
}

/** Wires the client's pushes into the stores; returns a function that unwires them. */
export function startSync(client: VnmClient): () => void {
  const offEvent = client.onEvent(routeEvent);
  const offConnection = client.onConnection(routeConnection);
  const offCommand = client.onCommand((command) => {
    const s = useAppStore.getState();
    if (command.type === 'new-network') s.setCreateOpen(true);
    else if (command.type === 'define-xml') openDefineFromXml();
    else if (command.type === 'preferences') s.setPreferencesOpen(true);
    else if (command.type === 'refresh') void loadEverything();
    else s.setTheme(command.theme);
  });
  void takeConnectionStatus(() => client.connectionStatus({})).then(routeConnection, (err: unknown) =>
    useAppStore.getState().showError('vnm cannot reach its main process', err),
  );
  void client.appInfo({}).then(
    (info) => useAppStore.setState({ appInfo: info }),
    () => undefined,
  );
  return () => {
    offEvent();
    offConnection();
    offCommand();
  };
}
