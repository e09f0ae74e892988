/** vnmd's firewall: one nftables table owned by vnm, with chains and map elements per network. */
export type { FirewallMode, FirewallPlan, CheckedPlan } from './plan';
export { checkPlan } from './plan';
export { buildNetworkRules } from './rules';
export type { NetworkRules } from './rules';
export { standaloneScript } from './script';
export { applyNftScript, Firewall } from './nft';
export { firewallTableName, isVnmTableName, networkKey, networkOfTable, VNM_TABLE } from './table-name';
