/** The list of networks: name, state, mode and a traffic sparkline; inactive ones dimmed. */
import { memo } from 'react';
import type { KeyboardEvent } from 'react';
import { Box, List, ListItemButton, Typography } from '@mui/material';
import type { NetworkSummary } from '@shared/rpc/contract';
import { kindLabel, stateLabel } from '@/format/format';
import { useAppStore } from '@/stores/app-store';
import { Sparkline } from '@/features/traffic/sparkline';
import { SavedChangesMark } from '@/features/network-details/saved-changes';

// Memoised: one network's change (a new summary object for it alone) re-renders its row, not
// all of them; with hundreds of networks a full list render is a long main-thread task.
const NetworkRow = memo(function NetworkRow({
  n,
  selected,
}: {
  readonly n: NetworkSummary;
  readonly selected: boolean;
}) {
  const navigate = useAppStore((s) => s.navigate);
  const id = `network-${n.uuid}`;
  return (
    <ListItemButton
      role="option"
      aria-selected={selected}
      aria-labelledby={`${id}-name`}
      aria-describedby={`${id}-desc`}
      selected={selected}
      onClick={() => navigate({ kind: 'select', network: n.name })}
      sx={{ gap: 1, py: 0.75, color: n.active ? 'text.primary' : 'text.disabled' }}
    >
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography id={`${id}-name`} noWrap sx={{ fontWeight: 500 }}>
          {n.name}
        </Typography>
        <Typography id={`${id}-desc`} variant="caption" noWrap component="div" sx={{ color: 'inherit' }}>
          {stateLabel(n)} · {kindLabel(n.kind)}
          {n.persistent ? '' : ' · transient'}
          {n.problem ? ` · ${n.problem}` : ''}
        </Typography>
        {n.active && n.persistent ? <SavedChangesMark network={n.name} /> : null}
      </Box>
      {n.active ? <Sparkline network={n.name} /> : null}
    </ListItemButton>
  );
});

export function NetworkList() {
  const networks = useAppStore((s) => s.networks);
  const selected = useAppStore((s) => s.selected);
  const loaded = useAppStore((s) => s.networksLoaded);
  const navigate = useAppStore((s) => s.navigate);
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = networks.findIndex((n) => n.name === selected);
    const next = networks[Math.max(0, Math.min(networks.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) navigate({ kind: 'select', network: next.name });
  };
  if (loaded && networks.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ p: 2 }}>
        No virtual networks yet.
      </Typography>
    );
  }
  return (
    <List
      role="listbox"
      aria-label="Virtual networks"
      dense
      onKeyDown={onKey}
      sx={{ overflow: 'auto', flex: 1, py: 0 }}
    >
      {networks.map((n) => (
        <NetworkRow key={n.name} n={n} selected={n.name === selected} />
      ))}
    </List>
  );
}
