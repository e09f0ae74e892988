/** Add, Start, Stop and Delete, each enabled only when it applies to the selected network. */
import { useState } from 'react';
import { Box, Button } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import DeleteIcon from '@mui/icons-material/Delete';
import FileOpenIcon from '@mui/icons-material/FileOpen';
import { openDefineFromXml } from '@/stores/define-xml-store';
import { useAppStore } from '@/stores/app-store';
import { deferred } from '@/ui/deferred';

const ConfirmDialog = deferred(() => import('@/ui/confirm-dialog').then((m) => m.ConfirmDialog));

type Pending = 'stop' | 'delete' | null;

export function NetworkToolbar() {
  const selected = useAppStore((s) => s.networks.find((n) => n.name === s.selected));
  const busy = useAppStore((s) => (s.selected ? Boolean(s.busy[s.selected]) : false));
  const connected = useAppStore((s) => s.connection.state === 'connected');
  const { startNetwork, stopNetwork, deleteNetwork, setCreateOpen } = useAppStore.getState();
  const [pending, setPending] = useState<Pending>(null);
  const can = Boolean(selected) && !busy && connected;
  const name = selected?.name ?? '';

  const stop = () => {
    if (selected && !selected.persistent) setPending('stop');
    else void stopNetwork(name);
  };
  return (
    <Box
      role="toolbar"
      aria-label="Network actions"
      sx={{
        display: 'grid',
        gridTemplateColumns: '1fr 1fr',
        gap: 0.5,
        p: 1,
        borderBottom: 1,
        borderColor: 'divider',
        '& .MuiButton-root': { justifyContent: 'flex-start' },
      }}
    >
      <Button startIcon={<AddIcon />} onClick={() => setCreateOpen(true)} disabled={!connected}>
        Add network
      </Button>
      <Button
        startIcon={<PlayArrowIcon />}
        onClick={() => void startNetwork(name)}
        disabled={!can || selected?.active}
      >
        Start network
      </Button>
      <Button startIcon={<StopIcon />} onClick={stop} disabled={!can || !selected?.active}>
        Stop network
      </Button>
      <Button
        startIcon={<DeleteIcon />}
        color="error"
        onClick={() => setPending('delete')}
        disabled={!can || selected?.active}
      >
        Delete network
      </Button>
      {/* The whole row: in half of it the label wraps. */}
      <Button
        startIcon={<FileOpenIcon />}
        onClick={openDefineFromXml}
        disabled={!connected}
        sx={{ gridColumn: '1 / -1' }}
      >
        Define from XML…
      </Button>
      <ConfirmDialog
        open={pending === 'stop'}
        title={`Stop network ${name}?`}
        message={`Network ${name} is transient: stopping it removes it for good, and its definition will vanish.`}
        confirmLabel="Stop network"
        onClose={(ok) => {
          setPending(null);
          if (ok) void stopNetwork(name);
        }}
      />
      <ConfirmDialog
        open={pending === 'delete'}
        title={`Delete network ${name}?`}
        message={`The definition of network ${name} will be removed. This cannot be undone.`}
        confirmLabel="Delete"
        onClose={(ok) => {
          setPending(null);
          if (ok) void deleteNetwork(name);
        }}
      />
    </Box>
  );
}
