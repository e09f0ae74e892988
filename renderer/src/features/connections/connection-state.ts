/** A connection's state as the list says it, in virt-manager's words where it has them. */
import type { ConnectionStatus } from '@shared/api/contract';

export interface StateLabel {
  readonly text: string;
  readonly color: 'success' | 'info' | 'warning' | 'error' | 'default';
}

export function stateLabel(status: ConnectionStatus): StateLabel {
  switch (status.state) {
    case 'connected':
      return { text: 'Connected', color: 'success' };
    case 'connecting':
      return status.attempt
        ? { text: 'Not connected yet', color: 'warning' }
        : { text: 'Connecting…', color: 'info' };
    case 'lost':
    case 'reconnecting':
      return { text: 'Reconnecting…', color: 'warning' };
    case 'failed':
      return { text: 'Failed', color: 'error' };
    case 'disconnected':
      return { text: 'Not connected', color: 'default' };
  }
}

/** Whether Connect makes sense now (not while it is connected or trying). */
export function canConnect(status: ConnectionStatus): boolean {
  return status.state === 'failed' || status.state === 'disconnected';
}
