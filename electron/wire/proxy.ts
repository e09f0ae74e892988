/**
 * What `vnm proxy` (run on a remote host over ssh) and the client that started it agree on:
 * the line the proxy prints once it holds a connection to vnmd, before any RPC byte, so the
 * client can skip whatever a login shell or rc file printed first; and the exit statuses that
 * tell the client why it could not connect (sysexits.h's numbers, which ssh passes through).
 */
export const PROXY_HANDSHAKE = 'vnm-proxy-ready 1 7c3e9b14d2a6';

/** vnmd is not running there (no socket, or nobody listening). EX_UNAVAILABLE. */
export const PROXY_EXIT_NO_VNMD = 69;
/** The socket's permissions refused this user. EX_NOPERM. */
export const PROXY_EXIT_DENIED = 77;
