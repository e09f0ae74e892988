/**
 * Form controls bound to the wizard store. Each control's accessible name is its visible
 * label; a problem replaces the helper text, so it is read with the field.
 */
import { Checkbox, FormControlLabel, TextField } from '@mui/material';
import type { FieldKey } from '@/features/create-network-wizard/logic/steps';
import { useWizardStore } from './wizard-store';

export type TextKey = Extract<
  FieldKey,
  | 'name'
  | 'ipv4Network'
  | 'ipv4Gateway'
  | 'ipv4Start'
  | 'ipv4End'
  | 'ipv6Network'
  | 'ipv6Gateway'
  | 'ipv6Start'
  | 'ipv6End'
  | 'customDomain'
  | 'ovnMtu'
  | 'ovnSwitch'
  | 'ovnDns'
  | 'uplinkChassis'
  | 'uplinkPhysnet'
  | 'uplinkAddress'
  | 'uplinkNexthop'
>;
export type BooleanKey = 'ipv4Dhcp' | 'ipv6Enabled' | 'ipv6Dhcp' | 'startNow' | 'autostart';
export type SelectKey = 'hostBridge' | 'forwardDev';

interface TextProps {
  readonly field: TextKey;
  readonly label: string;
  readonly error?: string;
  /** Shown while there is no problem; a space keeps the line so fields do not jump. */
  readonly helper?: string;
  readonly disabled?: boolean;
  readonly autoFocus?: boolean;
  readonly placeholder?: string;
}

export function WizardTextField({
  field,
  label,
  error,
  helper,
  disabled,
  autoFocus,
  placeholder,
}: TextProps) {
  const value = useWizardStore((s) => s.values[field]);
  const setField = useWizardStore((s) => s.setField);
  const shown = disabled ? undefined : error;
  return (
    <TextField
      id={`wizard-${field}`}
      label={label}
      value={value}
      onChange={(e) => setField(field, e.target.value)}
      error={shown !== undefined}
      helperText={shown ?? helper ?? ' '}
      disabled={disabled}
      autoFocus={autoFocus}
      placeholder={placeholder}
      fullWidth
      autoComplete="off"
      slotProps={{ htmlInput: { spellCheck: false } }}
    />
  );
}

export function WizardCheckbox({ field, label }: { readonly field: BooleanKey; readonly label: string }) {
  const checked = useWizardStore((s) => s.values[field]);
  const setField = useWizardStore((s) => s.setField);
  return (
    <FormControlLabel
      control={<Checkbox checked={checked} onChange={(e) => setField(field, e.target.checked)} />}
      label={label}
    />
  );
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

interface SelectProps {
  readonly field: SelectKey;
  readonly label: string;
  readonly options: readonly SelectOption[];
  readonly error?: string;
  readonly helper?: string;
}

/** A native select: its accessible name is its label alone (MUI's own adds the value). */
export function WizardSelect({ field, label, options, error, helper }: SelectProps) {
  const value = useWizardStore((s) => s.values[field]);
  const setField = useWizardStore((s) => s.setField);
  return (
    <TextField
      id={`wizard-${field}`}
      select
      label={label}
      value={value}
      onChange={(e) => setField(field, e.target.value)}
      error={error !== undefined}
      helperText={error ?? helper ?? ' '}
      fullWidth
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
