/**
 * A running network whose saved definition differs from what runs (Apply (next start), an
 * XML edit, net-define): vnmd has both (network.getXml with and without inactive). The list
 * and Details say so, and Restart puts the saved definition into effect.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Typography } from '@mui/material';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { definitionsDiffer } from '@shared/update/live-apply-plan';
import { parseNetworkXml } from '@shared/xml';
import { api } from '@/api/vnm-api';
import { useAppStore } from '@/stores/app-store';
import { xmlKey } from '@/stores/network-xml-slice';

/** True when `network` runs and its saved definition would run differently. */
export function useSavedDiffers(network: string): boolean {
  const summary = useAppStore((s) => s.networks.find((n) => n.name === network));
  const watch = Boolean(summary?.active && summary.persistent);
  const live = useAppStore((s) => s.xmls[xmlKey(network, false)]?.xml ?? null);
  const saved = useAppStore((s) => s.xmls[xmlKey(network, true)]?.xml ?? null);
  const version = useAppStore((s) => s.versions[network] ?? 0);
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const load = useAppStore((s) => s.loadNetworkXml);
  useEffect(() => {
    if (!watch || !connected) return;
    void load(network, false);
    void load(network, true);
  }, [network, watch, version, connected, load]);
  return useMemo(() => {
    if (!watch || !live || !saved) return false;
    const a = parseNetworkXml(live);
    const b = parseNetworkXml(saved);
    return a.ok && b.ok && definitionsDiffer(a.def, b.def);
  }, [watch, live, saved]);
}

/** Stops and starts the network, so it runs its saved definition; an error dialog when it cannot. */
async function restartNetwork(network: string): Promise<void> {
  try {
    await api().stopNetwork({ network });
    await api().startNetwork({ network });
  } catch (err) {
    useAppStore.getState().showError(`Could not restart network ${network}`, err);
  }
}

export function RestartButton({ network }: { readonly network: string }) {
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const [busy, setBusy] = useState(false);
  return (
    <Button
      color="inherit"
      size="small"
      disabled={busy || !connected}
      onClick={() => {
        setBusy(true);
        void restartNetwork(network).finally(() => setBusy(false));
      }}
    >
      Restart
    </Button>
  );
}

/** Details' notice, with Restart. */
export function SavedChangesNotice({ network }: { readonly network: string }) {
  if (!useSavedDiffers(network)) return null;
  return (
    <Alert severity="warning" action={<RestartButton network={network} />}>
      The saved definition differs from what runs. Restart to apply saved changes (guests lose their
      connection for a moment).
    </Alert>
  );
}

/** The network list's mark under a row's name. */
export function SavedChangesMark({ network }: { readonly network: string }) {
  if (!useSavedDiffers(network)) return null;
  return (
    <Typography
      variant="caption"
      component="div"
      noWrap
      title="The saved definition differs from what runs: restart to apply saved changes"
      sx={{ color: 'text.primary', display: 'flex', alignItems: 'center', gap: 0.5 }}
    >
      <WarningAmberIcon fontSize="inherit" sx={{ color: 'warning.main' }} aria-hidden />
      {/* Short enough for the list's width at 1024 px; the title says it whole. */}
      Restart to apply changes
    </Typography>
  );
}
