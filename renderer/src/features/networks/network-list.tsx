/**
 * The list of networks: name, state, mode and a traffic sparkline. Inactive ones carry a stop
 * mark and read at full contrast (they are as clickable as the others). One Tab stop (the
 * selected row); the arrows, Home and End move focus and selection together.
 */
import { memo, useCallback } from 'react';
import type { KeyboardEvent } from 'react';
import { List, Typography, alpha } from '@mui/material';
import type { Theme } from '@mui/material';
import type { NetworkProblem, NetworkSummary } from '@shared/rpc/contract';
import { ACTIVE_ICON, INACTIVE_ICON, rowDescription } from '@shared/first-view/rows';
import { useAppStore } from '@/stores/app-store';
import { Sparkline } from '@/features/traffic/sparkline';
import { focusSelectedSubTab, rowId, stepTarget } from './list-keys';
import { deferred } from '@/ui/deferred';
import { ListProblemLine } from '@/features/diagnose/problem-line';
import { problemOf } from '@/stores/findings-slice';

// It reads both definitions of each running network from vnmd and parses them: after the paint.
const SavedChangesMark = deferred(() =>
  import('@/features/network-details/saved-changes').then((m) => m.SavedChangesMark),
);

/**
 * A row is plain elements with class names, styled once by the list (rowStyles): a MUI
 * ListItemButton with Typography and icons costs ~1 ms of script per row, and with hundreds
 * of networks that was most of the list's first paint (issue 17, bench:ui-profile).
 * The browser shell serves the same markup in the page (shared/first-view/rows.ts).
 * Memoised: one network's change (a new summary object for it alone) re-renders its row only.
 * A row reads nothing from the store itself: with a thousand rows, a selector each per store
 * change was a cost of its own; the list hands it its problem line and the select action.
 */
const NetworkRow = memo(function NetworkRow({
  n,
  selected,
  tabStop,
  problem,
  onSelect,
}: {
  readonly n: NetworkSummary;
  readonly selected: boolean;
  /** The list's one Tab stop: the selected row, else the first. */
  readonly tabStop: boolean;
  readonly problem: NetworkProblem | null;
  readonly onSelect: (network: string) => void;
}) {
  const id = rowId(n);
  return (
    <div
      id={id}
      role="option"
      className="vnm-row"
      tabIndex={tabStop ? 0 : -1}
      aria-selected={selected}
      aria-labelledby={`${id}-name`}
      aria-describedby={problem ? `${id}-desc ${id}-problem` : `${id}-desc`}
      onClick={() => onSelect(n.name)}
    >
      <svg className={n.active ? 'vnm-row-icon vnm-active' : 'vnm-row-icon'} viewBox="0 0 24 24" aria-hidden>
        <path d={n.active ? ACTIVE_ICON : INACTIVE_ICON} />
      </svg>
      <div className="vnm-row-text">
        <p id={`${id}-name`} className="vnm-row-name">
          {n.name}
        </p>
        <div id={`${id}-desc`} className="vnm-row-desc">
          {rowDescription(n)}
        </div>
        {problem ? <ListProblemLine problem={problem} id={`${id}-problem`} /> : null}
        {n.active && n.persistent ? <SavedChangesMark network={n.name} /> : null}
      </div>
      {n.active ? <Sparkline network={n.name} /> : null}
    </div>
  );
});

/** What ListItemButton gave each row (padding, hover, selected, keyboard focus), as one rule set. */
const rowStyles = (theme: Theme) => {
  const { action, primary } = theme.palette;
  return {
    '& .vnm-row': {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(1),
      padding: theme.spacing(0.75, 2),
      color: theme.palette.text.primary,
      cursor: 'pointer',
      outline: 0,
      userSelect: 'none',
      // Rows out of view are not laid out or painted until scrolled to: the first paint, and
      // every forced layout after it (the tabs measure themselves), then cost what is visible.
      contentVisibility: 'auto',
      containIntrinsicSize: 'auto 52px',
      '&:hover': { backgroundColor: action.hover },
      '&[aria-selected="true"]': { backgroundColor: alpha(primary.main, action.selectedOpacity) },
      '&[aria-selected="true"]:hover': {
        backgroundColor: alpha(primary.main, action.selectedOpacity + action.hoverOpacity),
      },
      '&:focus-visible': { backgroundColor: action.focus },
      '&[aria-selected="true"]:focus-visible': {
        backgroundColor: alpha(primary.main, action.selectedOpacity + action.focusOpacity),
      },
    },
    '& .vnm-row-icon': {
      width: 20,
      height: 20,
      flexShrink: 0,
      fill: theme.palette.text.secondary,
      '&.vnm-active': { fill: theme.palette.success.main },
    },
    '& .vnm-row-text': { flex: 1, minWidth: 0 },
    '& .vnm-row-name, & .vnm-row-desc': {
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
    '& .vnm-row-name': { ...theme.typography.body1, margin: 0, fontWeight: 500 },
    '& .vnm-row-desc': { ...theme.typography.caption, color: theme.palette.text.secondary },
  } as const;
};

export function NetworkList() {
  const networks = useAppStore((s) => s.networks);
  const selected = useAppStore((s) => s.selected);
  const loaded = useAppStore((s) => s.networksLoaded);
  const navigate = useAppStore((s) => s.navigate);
  const findings = useAppStore((s) => s.findings);
  const select = useCallback((network: string) => navigate({ kind: 'select', network }), [navigate]);
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
      <Typography color="textSecondary" sx={{ p: 2 }}>
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
      sx={[{ overflow: 'auto', flex: 1, py: 0 }, rowStyles]}
    >
      {networks.map((n, i) => (
        <NetworkRow
          key={n.name}
          n={n}
          selected={n.name === selected}
          tabStop={current === -1 ? i === 0 : i === current}
          problem={problemOf(findings, n.name)}
          onSelect={select}
        />
      ))}
    </List>
  );
}
