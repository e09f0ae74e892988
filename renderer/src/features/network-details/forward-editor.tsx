/**
 * Forwarding: how traffic leaves the network (the mode) and through which host device.
 * Only the modes with a vnm-run bridge are offered; a network in another mode (bridge,
 * macvtap, hostdev) shows its mode, to be changed in the XML tab.
 */
import { useId } from 'react';
import { Box, Stack, TextField, Typography } from '@mui/material';
import type { NetworkKind } from '@shared/model/network';
import { EDITABLE_MODES } from './details-draft';
import { problemText } from './details-problems';
import { kindLabel } from '@/format/format';
import { useAppStore } from '@/stores/app-store';
import { MODE_TEXT } from '@/format/modes';
import type { SectionProps } from './section-props';

const editable = (mode: NetworkKind) => (EDITABLE_MODES as readonly string[]).includes(mode);

/** Host devices traffic can leave through: not loopback, guest ports or vnm's own bridges. */
function useForwardDevices(current: string): string[] {
  const interfaces = useAppStore((s) => s.interfaces);
  const networks = useAppStore((s) => s.networks);
  const bridges = new Set(networks.map((n) => n.bridge));
  const names = interfaces
    .filter((i) => i.type !== 'loopback' && i.master === null && !bridges.has(i.name))
    .map((i) => i.name);
  return current && !names.includes(current) ? [...names, current] : names;
}

function modeHelp(mode: NetworkKind): string {
  const text = (MODE_TEXT as Partial<Record<NetworkKind, { reach: string }>>)[mode];
  return editable(mode) && text ? text.reach : 'Change this mode in the XML tab.';
}

export function ForwardEditor({ values, problems, disabled, edit }: SectionProps) {
  const headingId = useId();
  const mode = values.forwardMode;
  const problem = problemText(problems, 'forward');
  const modes: readonly NetworkKind[] = editable(mode) ? EDITABLE_MODES : [mode];
  // Isolated networks go nowhere, and open ones place no limit on where traffic goes.
  const devUsable = mode === 'nat' || mode === 'route';
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h2" id={headingId} sx={{ mb: 1.5 }}>
        Forwarding
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          select
          label="Forwarding mode"
          value={mode}
          onChange={(e) => {
            const next = e.target.value as NetworkKind;
            edit({
              forwardMode: next,
              forwardDev: next === 'nat' || next === 'route' ? values.forwardDev : '',
            });
          }}
          disabled={disabled || !editable(mode)}
          error={problem !== undefined}
          helperText={problem ?? modeHelp(mode)}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ flex: 1 }}
        >
          {modes.map((m) => (
            <option key={m} value={m}>
              {kindLabel(m)}
            </option>
          ))}
        </TextField>
        <ForwardDeviceSelect
          value={devUsable || !editable(mode) ? values.forwardDev : ''}
          onChange={(forwardDev) => edit({ forwardDev })}
          disabled={disabled || !devUsable}
        />
      </Stack>
    </Box>
  );
}

interface DeviceProps {
  readonly value: string;
  readonly onChange: (dev: string) => void;
  readonly disabled: boolean;
}

function ForwardDeviceSelect({ value, onChange, disabled }: DeviceProps) {
  const devices = useForwardDevices(value);
  return (
    <TextField
      select
      label="Forward device"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      disabled={disabled}
      helperText={disabled ? ' ' : 'The host device guests’ traffic leaves through.'}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      sx={{ flex: 1 }}
    >
      <option value="">Any physical device</option>
      {devices.map((d) => (
        <option key={d} value={d}>
          {d}
        </option>
      ))}
    </TextField>
  );
}
