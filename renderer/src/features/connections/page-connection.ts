/** The connection this page shows: its `?connection=` id, or the local one. */
import { LOCAL_CONNECTION } from '@shared/api/contract';

export function pageConnectionId(search: string = window.location.search): string {
  return new URLSearchParams(search).get('connection') || LOCAL_CONNECTION;
}
