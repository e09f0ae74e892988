/** The version vnmd reports in host.info and `vnm --version`. */
export const VERSION = '0.1.0';
