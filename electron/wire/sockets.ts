/**
 * Where vnmd listens by default: the one fact about the socket that both sides (vnmd, and
 * the CLI and app that connect to it) must agree on. The systemd units say the same
 * (build/linux/systemd, checked by package-units.integration.test.ts).
 */
export const DEFAULT_SOCKET = '/run/vnm/vnmd.sock';
export const DEFAULT_RO_SOCKET = '/run/vnm/vnmd-ro.sock';
