/**
 * vnmd's firewall as one driver holds it, for a test runner in a namespace (host-layer.ts):
 * the runner process is one vnmd's host layer, so it owns one Firewall and one nft session.
 */
import { Firewall } from '../../electron/helper/firewall';
import { NftSession } from '../../electron/helper/firewall/nft-session';
import type { FirewallPlan } from '../../electron/helper/firewall';

const firewall = new Firewall();
const nft = new NftSession();

export * from '../../electron/helper/firewall';
export const applyNetworkRules = (plan: FirewallPlan) => firewall.applyNetworkRules(plan);
export const applyForwardRules = (plan: FirewallPlan) => firewall.applyForwardRules(plan);
export const removeNetworkRules = (network: string) => firewall.removeNetworkRules(network);
export const readFirewallState = () => firewall.readFirewallState();
export const listFirewallNetworks = () => firewall.listFirewallNetworks();
export const hasNetworkRules = (network: string) => firewall.hasNetworkRules(network);
/** One transaction in a session of its own (nft-session.integration.test.ts). */
export const nftTransaction = (statements: readonly string[]) => nft.transaction(statements);
