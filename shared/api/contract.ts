/**
 * The renderer contract: what `window.vnm` offers, declared once. The Electron preload
 * and the browser shell both expose a `VnmBridge`; the renderer wraps it with
 * `createVnmClient` (client.ts), which rethrows errors as `VnmError`.
 *
 * Most calls map 1:1 onto a vnmd RPC method and take that method's params; a few are
 * answered by the main process itself (connection status, versions).
 *
 * Errors cross every boundary as data (`VnmErrorData` inside an `InvokeResult`), because
 * Electron's contextBridge and JSON both drop an Error's class and custom fields.
 */
import type { HostInfo, RpcMethodName, RpcParams, RpcResult, VnmEvent } from '../rpc/contract';
import type { VnmErrorData } from '../rpc/errors';

/** Renderer call name → the vnmd RPC method it forwards to. */
export const RPC_CALLS = {
  listNetworks: 'network.list',
  networkInfo: 'network.info',
  getNetworkXml: 'network.getXml',
  defineNetwork: 'network.define',
  createNetwork: 'network.create',
  startNetwork: 'network.start',
  stopNetwork: 'network.destroy',
  undefineNetwork: 'network.undefine',
  setAutostart: 'network.setAutostart',
  updateNetwork: 'network.update',
  listLeases: 'network.leases',
  statsHistory: 'network.statsHistory',
  hostInfo: 'host.info',
  hostInterfaces: 'host.interfaces',
  ovnHost: 'host.ovn',
  proposeSubnet: 'host.propose',
  setStatsInterval: 'stats.setInterval',
  listForwards: 'network.forwards',
  addForward: 'network.addForward',
  removeForward: 'network.removeForward',
  hostFindings: 'host.findings',
  applyFix: 'network.applyFix',
  diagnoseNetwork: 'network.diagnose',
} as const satisfies Record<string, RpcMethodName>;
export type RpcCallName = keyof typeof RPC_CALLS;

/**
 * 'failed': the last try failed in a way waiting does not mend (a refused key, an unknown host
 * key, no vnm on the remote); it stays so until the person connects again. 'disconnected': the
 * person closed it, or it is not set to connect automatically.
 */
export type ConnectionState =
  'connecting' | 'connected' | 'lost' | 'reconnecting' | 'failed' | 'disconnected';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** What the main process connects to, e.g. `unix:/run/vnm/vnmd.sock`. */
  readonly uri: string;
  /** Set while not connected: why, in one sentence. */
  readonly reason?: string;
  /** Reconnection attempts since the connection was lost. */
  readonly attempt?: number;
  /**
   * The last try was refused by the socket's permissions: vnmd runs, but this account may not
   * use it (not in group vnm). Waiting does not help; `reason` says what does.
   */
  readonly denied?: boolean;
}

export type ShellKind = 'electron' | 'browser';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly shell: ShellKind;
  /** Runtime versions (node, electron, chrome ...) as the main process knows them. */
  readonly versions: Readonly<Record<string, string>>;
}

/** The connection every window starts with: vnmd on this machine (or the sandbox it was given). */
export const LOCAL_CONNECTION = 'local';

/** One row of the connection list, as virt-manager's main window lists its connections. */
export interface ConnectionEntry {
  readonly id: string;
  /** "Local", or user@host[:port] of an SSH connection. */
  readonly name: string;
  readonly uri: string;
  readonly local: boolean;
  /** Connect when vnm starts. */
  readonly autoconnect: boolean;
  readonly status: ConnectionStatus;
}

/** An SSH connection as the Add Connection dialog fills it in. */
export interface NewSshConnection {
  readonly host: string;
  readonly user?: string;
  readonly port?: number;
  /** A private key file on this machine (ssh -i). */
  readonly keyfile?: string;
  readonly autoconnect: boolean;
}

/** ssh asks for a password, a passphrase or a host key's confirmation; the window answers. */
export interface AskpassRequest {
  readonly id: string;
  /** The connection's name (user@host). */
  readonly connection: string;
  /** ssh's own words, fingerprint included for a host key. */
  readonly prompt: string;
  /** A password or passphrase (typed hidden, never stored); false for a yes/no question. */
  readonly secret: boolean;
}

type NoParams = Record<string, never>;

/** Calls the main process answers itself, with their params and results. */
export interface AppCalls {
  /** The status of this window's own connection. */
  connectionStatus: { params: NoParams; result: ConnectionStatus };
  appInfo: { params: NoParams; result: AppInfo };
  listConnections: { params: NoParams; result: readonly ConnectionEntry[] };
  addConnection: { params: NewSshConnection; result: ConnectionEntry };
  removeConnection: { params: { readonly id: string }; result: null };
  /** Starts connecting and answers at once; the `connections` push tells how it went. */
  connectConnection: { params: { readonly id: string }; result: null };
  disconnectConnection: { params: { readonly id: string }; result: null };
  /**
   * Shows that connection's Connection Details, in this window or a new one. The browser shell
   * answers with the address to open; the Electron shell loads it itself and answers null.
   */
  openConnection: {
    params: { readonly id: string; readonly newWindow: boolean };
    result: { url: string | null };
  };
  /** null cancels (ssh then fails with "cancelled"). */
  answerAskpass: { params: { readonly id: string; readonly answer: string | null }; result: null };
}
export const APP_CALLS = [
  'connectionStatus',
  'appInfo',
  'listConnections',
  'addConnection',
  'removeConnection',
  'connectConnection',
  'disconnectConnection',
  'openConnection',
  'answerAskpass',
] as const satisfies readonly (keyof AppCalls)[];
export type AppCallName = (typeof APP_CALLS)[number];

export type ApiCallName = RpcCallName | AppCallName;

export type ApiParams<C extends ApiCallName> = C extends RpcCallName
  ? RpcParams<(typeof RPC_CALLS)[C]>
  : C extends AppCallName
    ? AppCalls[C]['params']
    : never;

export type ApiResult<C extends ApiCallName> = C extends RpcCallName
  ? RpcResult<(typeof RPC_CALLS)[C]>
  : C extends AppCallName
    ? AppCalls[C]['result']
    : never;

export type InvokeResult<T = unknown> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: VnmErrorData };

export type ThemePreference = 'system' | 'light' | 'dark';

/** Commands the application menu sends to the window. */
export type AppCommand =
  | { readonly type: 'new-network' }
  /** File → Define from XML… (Ctrl+O). */
  | { readonly type: 'define-xml' }
  | { readonly type: 'preferences' }
  /** Read everything from vnmd again (F5). */
  | { readonly type: 'refresh' }
  | { readonly type: 'set-theme'; readonly theme: ThemePreference };

/** Push channels from the main process to the window. */
export interface PushChannels {
  /** vnmd's events, from this window's connection. */
  event: VnmEvent;
  /** This window's connection's status. */
  connection: ConnectionStatus;
  command: AppCommand;
  /** Every connection, whenever one is added, removed or changes state. */
  connections: readonly ConnectionEntry[];
  /** The questions ssh is waiting on, oldest first (empty when none). */
  askpass: readonly AskpassRequest[];
}
export type PushChannel = keyof PushChannels;
export const PUSH_CHANNELS = [
  'event',
  'connection',
  'command',
  'connections',
  'askpass',
] as const satisfies readonly PushChannel[];

/** What the preload and the browser shell put on `window.vnm`. */
export interface VnmBridge {
  invoke<C extends ApiCallName>(call: C, params: ApiParams<C>): Promise<InvokeResult<ApiResult<C>>>;
  /** Returns a function that removes the handler. */
  listen<K extends PushChannel>(channel: K, handler: (payload: PushChannels[K]) => void): () => void;
}

export function isApiCallName(name: unknown): name is ApiCallName {
  if (typeof name !== 'string') return false;
  return (
    Object.prototype.hasOwnProperty.call(RPC_CALLS, name) || (APP_CALLS as readonly string[]).includes(name)
  );
}

export function isRpcCallName(name: ApiCallName): name is RpcCallName {
  return Object.prototype.hasOwnProperty.call(RPC_CALLS, name);
}

export function isPushChannel(name: unknown): name is PushChannel {
  return typeof name === 'string' && (PUSH_CHANNELS as readonly string[]).includes(name);
}

/** IPC channel names used by the Electron shell. */
export const IPC_INVOKE_CHANNEL = 'vnm:invoke';
export const ipcPushChannel = (channel: PushChannel): string => `vnm:${channel}`;

export type { HostInfo, VnmEvent };
