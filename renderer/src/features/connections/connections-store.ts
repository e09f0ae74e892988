/**
 * The connection list (virt-manager's main window) and ssh's pending questions: their own
 * small store, filled by the main process's pushes (sync-connections.ts), apart from the app
 * store, which holds one connection's networks.
 */
import { create } from 'zustand';
import type { AskpassRequest, ConnectionEntry, NewSshConnection } from '@shared/api/contract';
import { api } from '@/api/vnm-api';
import { useAppStore } from '@/stores/app-store';
import { pageConnectionId } from './page-connection';

export interface ConnectionsState {
  readonly connections: readonly ConnectionEntry[];
  readonly askpass: readonly AskpassRequest[];
  /** The Connections dialog, and the Add Connection dialog over it. */
  readonly listOpen: boolean;
  readonly addOpen: boolean;
}

export const useConnections = create<ConnectionsState>()(() => ({
  connections: [],
  askpass: [],
  listOpen: false,
  addOpen: false,
}));

export const setListOpen = (listOpen: boolean) => useConnections.setState({ listOpen });
export const setAddOpen = (addOpen: boolean) => useConnections.setState({ addOpen });

/** This page's own entry, once the list has come. */
export function usePageConnection(): ConnectionEntry | undefined {
  return useConnections((s) => s.connections.find((c) => c.id === pageConnectionId()));
}

const report = (title: string) => (err: unknown) => useAppStore.getState().showError(title, err);

/** Adds an SSH connection; resolves to the error for the dialog to show, or null when added. */
export async function addConnection(fields: NewSshConnection): Promise<unknown> {
  try {
    await api().addConnection(fields);
    setAddOpen(false);
    return null;
  } catch (err) {
    return err;
  }
}

export function connectConnection(id: string): void {
  api().connectConnection({ id }).catch(report('Could not connect'));
}

export function disconnectConnection(id: string): void {
  api().disconnectConnection({ id }).catch(report('Could not disconnect'));
}

export function removeConnection(id: string): void {
  api().removeConnection({ id }).catch(report('Could not remove the connection'));
}

/** Shows that connection's Connection Details here, or in a new window. */
export async function openConnection(id: string, newWindow: boolean): Promise<void> {
  try {
    const { url } = await api().openConnection({ id, newWindow });
    if (url === null) return;
    if (newWindow) window.open(url, '_blank', 'noopener');
    else window.location.assign(url);
  } catch (err) {
    report('Could not open the connection')(err);
  }
}

export function answerAskpass(id: string, answer: string | null): void {
  api().answerAskpass({ id, answer }).catch(report('Could not answer ssh'));
}
