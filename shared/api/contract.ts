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

export type ConnectionState = 'connecting' | 'connected' | 'lost' | 'reconnecting';

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

/** Calls the main process answers itself, with their params and results. */
export interface AppCalls {
  connectionStatus: { params: Record<string, never>; result: ConnectionStatus };
  appInfo: { params: Record<string, never>; result: AppInfo };
}
export const APP_CALLS = ['connectionStatus', 'appInfo'] as const satisfies readonly (keyof AppCalls)[];
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
  event: VnmEvent;
  connection: ConnectionStatus;
  command: AppCommand;
}
export type PushChannel = keyof PushChannels;
export const PUSH_CHANNELS = ['event', 'connection', 'command'] as const satisfies readonly PushChannel[];

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
