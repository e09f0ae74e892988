/**
 * The app store's shape: one zustand store made of slices (app-store.ts). Every slice's
 * interface lives here, so the slices import this file and it imports none of them.
 */
import type { StateCreator } from 'zustand';
import type { PortForward } from '@shared/model/port-forward';
import type {
  Findings,
  HostInfo,
  HostInterface,
  Lease,
  NetworkInfo,
  NetworkSummary,
} from '@shared/rpc/contract';
import type { VnmErrorData } from '@shared/rpc/errors';
import type { AppInfo, ConnectionStatus, ThemePreference } from '@shared/api/contract';

export interface ConnectionSlice {
  connection: ConnectionStatus;
  /** False until the main process has said how the connection stands (the first status). */
  connectionKnown: boolean;
  appInfo: AppInfo | null;
  hostInfo: HostInfo | null;
  interfaces: HostInterface[];
  setConnection: (status: ConnectionStatus) => void;
  loadHost: () => Promise<void>;
  loadInterfaces: () => Promise<void>;
}

export interface NetworksSlice {
  networks: NetworkSummary[];
  infos: Record<string, NetworkInfo>;
  networksLoaded: boolean;
  /** Bumped by each lifecycle event of the network: views fetch again when it moves. */
  versions: Record<string, number>;
  /** Names with a start/stop/delete in flight, so buttons can wait. */
  busy: Record<string, true>;
  loadNetworks: () => Promise<void>;
  refreshNetwork: (name: string) => Promise<void>;
  /** vnmd says the network changed: bump its version and read its summary again. */
  networkChanged: (name: string) => Promise<void>;
  startNetwork: (name: string) => Promise<void>;
  stopNetwork: (name: string) => Promise<void>;
  deleteNetwork: (name: string) => Promise<void>;
  /** Defines (or redefines) from XML; resolves to the network's name, throws VnmError. */
  defineXml: (xml: string) => Promise<string>;
}

export type MainTab = 'overview' | 'networks' | 'interfaces';
export type NetworkSubTab = 'details' | 'xml' | 'traffic' | 'leases' | 'forwards';

export type Navigation =
  | { readonly kind: 'tab'; readonly tab: MainTab }
  | { readonly kind: 'select'; readonly network: string | null }
  | { readonly kind: 'subtab'; readonly subTab: NetworkSubTab };

/** How a view with unsaved edits is applied or dropped before the window moves on. */
export interface LeaveGuard {
  readonly network: string;
  /** Resolves to false when applying failed (the view says why); the window then stays. */
  apply: () => Promise<boolean>;
  discard: () => void;
}

export interface NavigationSlice {
  tab: MainTab;
  selected: string | null;
  subTab: NetworkSubTab;
  /** A navigation waiting for the person to apply or discard the guarded edits. */
  pendingNavigation: Navigation | null;
  leaveGuard: LeaveGuard | null;
  setLeaveGuard: (guard: LeaveGuard | null) => void;
  navigate: (nav: Navigation) => void;
  resolvePending: (choice: 'apply' | 'discard' | 'cancel') => Promise<void>;
}

export interface XmlEntry {
  readonly xml: string | null;
  readonly error: unknown;
  /** The network's version (NetworksSlice.versions) this XML was read at. */
  readonly version: number;
}

export interface NetworkXmlSlice {
  /** By xmlKey(network, inactive). */
  xmls: Record<string, XmlEntry>;
  /** Fetches the XML unless the store has it at the network's current version. */
  loadNetworkXml: (network: string, inactive: boolean) => Promise<void>;
  /** The stored definition, read fresh (what an edit starts from); throws VnmError. */
  readStoredXml: (network: string) => Promise<string>;
}

export interface TrafficSlice {
  loadTrafficHistory: (network: string) => Promise<void>;
}

export interface LeasesSlice {
  leases: Record<string, Lease[]>;
  loadLeases: (network: string) => Promise<void>;
}

export interface ErrorReport {
  readonly title: string;
  readonly error: VnmErrorData;
}

export interface UiSlice {
  theme: ThemePreference;
  errors: ErrorReport[];
  preferencesOpen: boolean;
  createOpen: boolean;
  /**
   * Set once, from the frame after the network list (or the reason there is none) was first
   * painted: what that paint does not need (the selected network's pane, the dialogs) is
   * loaded and mounted from then on (issue 17; app/first-view.ts).
   */
  firstViewPainted: boolean;
  setFirstViewPainted: () => void;
  setTheme: (theme: ThemePreference) => void;
  setStatsInterval: (seconds: number | null) => Promise<void>;
  showError: (title: string, err: unknown) => void;
  dismissError: () => void;
  setPreferencesOpen: (open: boolean) => void;
  setCreateOpen: (open: boolean) => void;
  /** The short confirmation shown after an action succeeded (a Snackbar); seq tells repeats apart. */
  confirmation: { readonly text: string; readonly seq: number; readonly open: boolean } | null;
  confirm: (text: string) => void;
  dismissConfirmation: () => void;
}

/** Port forwards (issue #14): forwards-slice.ts. */
export interface ForwardsEntry {
  readonly forwards: readonly PortForward[] | null;
  readonly error: unknown;
  /** The network's version (NetworksSlice.versions) these forwards were read at. */
  readonly version: number;
}

/** Where a change goes: the running network, the stored definition, or both. */
export interface ForwardTarget {
  readonly live: boolean;
  readonly config: boolean;
}

/** A dynamic lease made static before the forward is added, so the guest keeps its address. */
export interface Reservation {
  readonly mac: string;
  readonly ip: string;
  readonly name?: string;
}

export interface ForwardsSlice {
  /** By network name; the running definition's forwards when it runs, else the stored one's. */
  forwards: Record<string, ForwardsEntry>;
  /** Fetches unless the store has the forwards at the network's current version. */
  loadForwards: (network: string) => Promise<void>;
  /** Reserves first when asked, then adds; throws VnmError (the dialog shows it on the spot). */
  addForward: (
    network: string,
    forward: PortForward,
    target: ForwardTarget,
    reserve?: Reservation,
  ) => Promise<void>;
  /** Removes from the running network and from the stored definition where each holds it. */
  removeForward: (network: string, forward: PortForward) => Promise<void>;
}

/** What vnmd finds wrong (issue #13): findings-slice.ts. */
export interface FindingsSlice {
  /** Null until the first answer: the window then says "unknown", never "no problems". */
  findings: Findings | null;
  /** Why the last read failed (vnmd away, or too old to know host.findings); null after a good one. */
  findingsError: string | null;
  /** Reads the findings again; calls made while one is in flight are served by one more read. */
  loadFindings: (refresh?: boolean) => Promise<void>;
  /** Takes findings vnmd pushed, unless the store already has a newer read. */
  takeFindings: (findings: Findings) => void;
  /** The network the Diagnose dialog is open for, or null. */
  diagnosing: string | null;
  openDiagnose: (network: string) => void;
  /** Closes Diagnose and reads the findings again: what it showed may have changed them. */
  closeDiagnose: () => void;
}

export type AppState = ConnectionSlice &
  NetworksSlice &
  NetworkXmlSlice &
  TrafficSlice &
  NavigationSlice &
  LeasesSlice &
  UiSlice &
  ForwardsSlice &
  FindingsSlice;
export type Slice<T> = StateCreator<AppState, [], [], T>;
