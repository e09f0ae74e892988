/** The one app store, made of slices; components read it through selectors. */
import { create } from 'zustand';
import { createConnectionSlice } from './connection-slice';
import { createFindingsSlice } from './findings-slice';
import { createForwardsSlice } from './forwards-slice';
import { createLeasesSlice } from './leases-slice';
import { createNavigationSlice } from './navigation-slice';
import { createNetworkXmlSlice } from './network-xml-slice';
import { createNetworksSlice } from './networks-slice';
import { createTrafficSlice } from './traffic-slice';
import type { AppState } from './types';
import { createUiSlice } from './ui-slice';

export const useAppStore = create<AppState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createNetworksSlice(...a),
  ...createNetworkXmlSlice(...a),
  ...createTrafficSlice(...a),
  ...createNavigationSlice(...a),
  ...createLeasesSlice(...a),
  ...createUiSlice(...a),
  ...createForwardsSlice(...a),
  ...createFindingsSlice(...a),
}));

const initial = useAppStore.getState();

/** Tests start every case from the first state. */
export function resetAppStore(): void {
  useAppStore.setState(initial, true);
}
