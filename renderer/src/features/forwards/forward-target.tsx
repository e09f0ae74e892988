/**
 * Where a new forward goes. A running persistent network offers both, ticked: it works at
 * once and survives a restart. Otherwise there is one place, said in words.
 */
import { useState } from 'react';
import { Checkbox, FormControlLabel, FormGroup, Typography } from '@mui/material';
import { useAppStore } from '@/stores/app-store';
import type { ForwardTarget } from '@/stores/forwards-slice';

export interface TargetState {
  readonly value: ForwardTarget;
  readonly canLive: boolean;
  readonly canConfig: boolean;
  set: (patch: Partial<ForwardTarget>) => void;
}

export function useForwardTarget(network: string): TargetState {
  const summary = useAppStore((s) => s.networks.find((n) => n.name === network));
  const canLive = summary?.active ?? false;
  const canConfig = summary?.persistent ?? false;
  const [chosen, setChosen] = useState<ForwardTarget>({ live: true, config: true });
  return {
    value: { live: canLive && chosen.live, config: canConfig && chosen.config },
    canLive,
    canConfig,
    set: (patch) => setChosen((c) => ({ ...c, ...patch })),
  };
}

export function ForwardTargetChoice({
  target,
  disabled,
}: {
  readonly target: TargetState;
  readonly disabled: boolean;
}) {
  if (!target.canLive) {
    return (
      <Typography variant="body2" color="textSecondary">
        The network is not running: the forward is saved and takes effect when it starts.
      </Typography>
    );
  }
  if (!target.canConfig) {
    return (
      <Typography variant="body2" color="textSecondary">
        The forward takes effect at once; this transient network has no saved definition.
      </Typography>
    );
  }
  const nowhere = !target.value.live && !target.value.config;
  return (
    <FormGroup>
      <FormControlLabel
        control={
          <Checkbox checked={target.value.live} onChange={(e) => target.set({ live: e.target.checked })} />
        }
        label="Apply now to the running network"
        disabled={disabled}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={target.value.config}
            onChange={(e) => target.set({ config: e.target.checked })}
          />
        }
        label="Save in the network’s definition"
        disabled={disabled}
      />
      {nowhere ? (
        <Typography variant="body2" color="error">
          Tick at least one: applied now, saved, or both.
        </Typography>
      ) : null}
    </FormGroup>
  );
}
