/**
 * vnmd's links as one driver holds them, for a test runner in a namespace (host-layer.ts):
 * the runner process is one vnmd's host layer, so it owns one long-lived ip (DriverContext.ip).
 */
import { IpBatch } from '../../electron/helper/bridge/ip-batch';
import * as links from '../../electron/helper/bridge/links';

const ip = new IpBatch();

export * from '../../electron/helper/bridge/links';
export const createBridge = (opts: links.BridgeOptions) => links.createBridge(ip, opts);
export const deleteLink = (name: string) => links.deleteLink(ip, name);
/** Commands straight to the runner's long-lived ip (ip-batch.integration.test.ts). */
export const ipBatch = (commands: readonly (readonly string[])[]) => ip.run(commands);
