/**
 * The list of networks: name, state, mode and a traffic sparkline. Inactive ones carry a stop
 * mark and read at full contrast (they are as clickable as the others). One Tab stop (the
 * selected row); the arrows, Home and End move focus and selection together.
 */
import { memo } from 'react';
import type { KeyboardEvent } from 'react';
import { Box, List, ListItemButton, Typography } from '@mui/material';
import PlayCircleIcon from '@mui/icons-material/PlayCircle';
import StopCircleOutlinedIcon from '@mui/icons-material/StopCircleOutlined';
import type { NetworkSummary } from '@shared/rpc/contract';
import { kindLabel, stateLabel } from '@/format/format';
import { useAppStore } from '@/stores/app-store';
import { Sparkline } from '@/features/traffic/sparkline';
import { focusSelectedSubTab, rowId, stepTarget } from './list-keys';
import { SavedChangesMark } from '@/features/network-details/saved-changes';
import { ListProblemLine, useNetworkProblem } from '@/features/diagnose/problem-line';

// Memoised: one network's change (a new summary object for it alone) re-renders its row, not
// all of them; with hundreds of networks a full list render is a long main-thread task.
const NetworkRow = memo(function NetworkRow({
  n,
  selected,
  tabStop,
}: {
  readonly n: NetworkSummary;
  readonly selected: boolean;
  /** The list's one Tab stop: the selected row, else the first. */
  readonly tabStop: boolean;
}) {
  const navigate = useAppStore((s) => s.navigate);
  const id = rowId(n);
  const problem = useNetworkProblem(n.name);
  const StateIcon = n.active ? PlayCircleIcon : StopCircleOutlinedIcon;
  return (
    <ListItemButton
      id={id}
      role="option"
      tabIndex={tabStop ? 0 : -1}
      aria-selected={selected}
      aria-labelledby={`${id}-name`}
      aria-describedby={problem ? `${id}-desc ${id}-problem` : `${id}-desc`}
      selected={selected}
      onClick={() => navigate({ kind: 'select', network: n.name })}
      sx={{ gap: 1, py: 0.75, color: 'text.primary' }}
    >
      <StateIcon fontSize="small" sx={{ color: n.active ? 'success.main' : 'text.secondary' }} />
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography id={`${id}-name`} noWrap sx={{ fontWeight: 500 }}>
          {n.name}
        </Typography>
        <Typography id={`${id}-desc`} variant="caption" noWrap component="div" color="text.secondary">
          {stateLabel(n)} · {kindLabel(n.kind)}
          {n.persistent ? '' : ' · transient'}
          {n.problem ? ` · ${n.problem}` : ''}
        </Typography>
        {problem ? <ListProblemLine problem={problem} id={`${id}-problem`} /> : null}
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
  const current = networks.findIndex((n) => n.name === selected);
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' && selected) {
      // Enter opens the network: focus moves to its sub-tabs on the right.
      e.preventDefault();
      focusSelectedSubTab(selected);
      return;
    }
    const next = networks[stepTarget(e.key, current, networks.length) ?? -1];
    if (!next) return;
    e.preventDefault();
    navigate({ kind: 'select', network: next.name });
    document.getElementById(rowId(next))?.focus();
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
      {networks.map((n, i) => (
        <NetworkRow
          key={n.name}
          n={n}
          selected={n.name === selected}
          tabStop={current === -1 ? i === 0 : i === current}
        />
      ))}
    </List>
  );
}
