/** Wires the connection list and ssh's questions from the main process into their store. */
import type { VnmClient } from '@shared/api/client';
import { useConnections } from './connections-store';

export function syncConnections(client: VnmClient): () => void {
  const offList = client.onConnections((connections) => useConnections.setState({ connections }));
  const offAsk = client.onAskpass((askpass) => useConnections.setState({ askpass }));
  // The Electron shell pushes the list before the page listens: read it once too.
  client.listConnections({}).then(
    (connections) => useConnections.setState({ connections }),
    () => undefined,
  );
  return () => {
    offList();
    offAsk();
  };
}
