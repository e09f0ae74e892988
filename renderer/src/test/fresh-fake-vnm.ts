/**
 * A window test's fresh start: empty stores and a new FAKE vnmd (fake-vnm-api.ts) behind
 * window.vnm, so no test sees another's networks, stats or calls.
 */
import { installBridge } from '@/api/vnm-api';
import { resetDraftStore } from '@/features/network-details/draft-store';
import { resetAppStore } from '@/stores/app-store';
import { statsStore } from '@/stores/stats-store';
import { FakeVnmBridge } from './fake-vnm-api';

export function freshFakeVnm(): FakeVnmBridge {
  resetAppStore();
  resetDraftStore();
  statsStore.reset();
  const fake = new FakeVnmBridge();
  installBridge(fake);
  return fake;
}
