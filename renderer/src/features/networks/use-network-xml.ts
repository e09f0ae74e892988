/**
 * The network's XML, fetched again whenever the store learns the network changed. While
 * vnmd is away it keeps the last XML it had (the banner says the connection is lost).
 */
import { useEffect, useState } from 'react';
import { VnmError } from '../../../../shared/rpc/errors';
import { api } from '../../lib/api';
import { useAppStore } from '../../stores/app-store';

export function useNetworkXml(network: string, inactive = false): { xml: string | null; error: unknown } {
  const summary = useAppStore((s) => s.networks.find((n) => n.name === network));
  const info = useAppStore((s) => s.infos[network]);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const [state, setState] = useState<{ xml: string | null; error: unknown }>({ xml: null, error: null });
  useEffect(() => {
    if (!connected) return;
    let cancelled = false;
    api()
      .getNetworkXml({ network, inactive })
      .then(
        ({ xml }) => !cancelled && setState({ xml, error: null }),
        (error: unknown) => {
          if (cancelled || (error instanceof VnmError && error.kind === 'connection')) return;
          setState({ xml: null, error });
        },
      );
    return () => void (cancelled = true);
  }, [network, inactive, summary, info, connected]);
  return state;
}
