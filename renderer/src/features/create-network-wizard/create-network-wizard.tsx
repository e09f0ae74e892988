/**
 * "Create a new virtual network": the wizard opened by Add network and by File → New
 * Network…. The first page holds what a default NAT network needs, and Finish works from
 * every step as soon as all values are fine; Next (Enter) walks the other steps for those who
 * want them, and waits until the step's fields are fine. Back keeps every value; Cancel
 * (Esc) closes.
 */
import { useEffect, useId, useMemo } from 'react';
import type { KeyboardEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  LinearProgress,
  Step,
  StepLabel,
  Stepper,
} from '@mui/material';
import { useShallow } from 'zustand/react/shallow';
import { api } from '@/api/vnm-api';
import { useAppStore } from '@/stores/app-store';
import type { FieldErrors } from '@/features/create-network-wizard/logic/checks';
import { checkWizard, hasErrors, stepErrors } from '@/features/create-network-wizard/logic/checks';
import { problemsElsewhere } from '@/features/create-network-wizard/logic/elsewhere';
import type { StepId } from '@/features/create-network-wizard/logic/steps';
import { stepsFor, stepTitle } from '@/features/create-network-wizard/logic/steps';
import { DnsStep } from '@/features/create-network-wizard/steps/dns-step';
import { Ipv4Step } from '@/features/create-network-wizard/steps/ipv4-step';
import { Ipv6Step } from '@/features/create-network-wizard/steps/ipv6-step';
import { NameModeStep } from '@/features/create-network-wizard/steps/name-mode-step';
import { OvnStep } from '@/features/create-network-wizard/steps/ovn-step';
import { UplinkStep } from '@/features/create-network-wizard/steps/uplink-step';
import { SummaryStep } from '@/features/create-network-wizard/steps/summary-step';
import { useXmlFindings } from '@/features/create-network-wizard/steps/summary-xml';
import { abandonWizard, finishWizard, loadWizard } from './wizard-actions';
import { resetWizard, useWizardStore } from './wizard-store';

function StepBody({ step, errors }: { readonly step: StepId; readonly errors: FieldErrors }) {
  switch (step) {
    case 'name':
      return <NameModeStep errors={errors} />;
    case 'ipv4':
      return <Ipv4Step errors={errors} />;
    case 'ipv6':
      return <Ipv6Step errors={errors} />;
    case 'ovn':
      return <OvnStep errors={errors} />;
    case 'uplink':
      return <UplinkStep errors={errors} />;
    case 'dns':
      return <DnsStep errors={errors} />;
    case 'summary':
      return <SummaryStep errors={errors} />;
  }
}

/** Enter on a radio, checkbox or select advances too, as it does in a text field. */
function enterAdvances(e: KeyboardEvent<HTMLFormElement>): void {
  const t = e.target as HTMLElement;
  if (e.key !== 'Enter' || e.defaultPrevented) return;
  const type = t instanceof HTMLInputElement ? t.type : '';
  if (type === 'radio' || type === 'checkbox' || t instanceof HTMLSelectElement) {
    e.preventDefault();
    e.currentTarget.requestSubmit();
  }
}

async function finish(): Promise<void> {
  const outcome = await finishWizard(api());
  if (!outcome.ok) return;
  const app = useAppStore.getState();
  app.setCreateOpen(false);
  // Read it once before selecting it: the list must hold it when the selection moves there.
  await app.refreshNetwork(outcome.name);
  app.navigate({ kind: 'tab', tab: 'networks' });
  app.navigate({ kind: 'select', network: outcome.name });
  if (outcome.autostartError !== undefined) {
    app.showError(
      `Network ${outcome.name} was created, but not set to start on boot`,
      outcome.autostartError,
    );
  }
}

/** Where the wizard stands: its steps, the current one, its problems, and whether it can go on. */
function useWizardView() {
  const { phase, stepIndex, values, context } = useWizardStore(
    useShallow((s) => ({ phase: s.phase, stepIndex: s.stepIndex, values: s.values, context: s.context })),
  );
  const errors = useMemo(() => checkWizard(values, context), [values, context]);
  const xmlEdited = useWizardStore((s) => s.editedXml !== null);
  const xmlFindings = useXmlFindings();
  const steps = stepsFor(values);
  const index = Math.min(stepIndex, steps.length - 1);
  const step = steps[index] ?? 'name';
  const isLast = index === steps.length - 1;
  const ready = phase === 'ready';
  const titles = steps.map((s) => stepTitle(s, values.mode));
  return {
    phase,
    errors,
    titles,
    index,
    step,
    isLast,
    elsewhere: problemsElsewhere(errors, step, values),
    canAdvance: ready && !isLast && !hasErrors(stepErrors(errors, step)),
    // Edited XML is what Finish defines: its own checks (net-define's) decide, not the form's.
    canFinish: ready && (xmlEdited ? xmlFindings.length === 0 : !hasErrors(errors)),
  };
}

interface ButtonsProps {
  readonly view: ReturnType<typeof useWizardView>;
  readonly onCancel: () => void;
  readonly onFinish: () => void;
}

/**
 * Enter submits the form: Next on a step with more after it, Finish on the last. Finish is
 * the primary button everywhere, because from the first page on it is the common way out.
 */
function WizardButtons({ view, onCancel, onFinish }: ButtonsProps) {
  const back = useWizardStore((s) => s.back);
  const finishing = view.phase === 'finishing';
  return (
    <DialogActions>
      <Button onClick={onCancel} disabled={finishing}>
        Cancel
      </Button>
      <Box sx={{ flex: 1 }} />
      <Button onClick={back} disabled={view.index === 0 || finishing}>
        Back
      </Button>
      {view.isLast ? null : (
        <Button type="submit" variant="outlined" disabled={!view.canAdvance}>
          Next
        </Button>
      )}
      <Button
        type={view.isLast ? 'submit' : 'button'}
        onClick={view.isLast ? undefined : onFinish}
        variant="contained"
        disabled={!view.canFinish}
        startIcon={finishing ? <CircularProgress size={14} color="inherit" /> : undefined}
      >
        Finish
      </Button>
    </DialogActions>
  );
}

/** What blocks Finish on other steps, named by step, so a disabled Finish is never a riddle. */
function ElsewhereAlert({ view }: { readonly view: ReturnType<typeof useWizardView> }) {
  if (view.phase === 'loading' || view.elsewhere.length === 0) return null;
  return (
    <Alert severity="info" sx={{ mt: 2 }}>
      Finish waits for {view.elsewhere.length === 1 ? 'this' : 'these'} on other steps:
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {view.elsewhere.map((p) => (
          <li key={`${p.step}:${p.message}`}>
            {p.step}: {p.message}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

function WizardContent({ view }: { readonly view: ReturnType<typeof useWizardView> }) {
  const notice = useWizardStore((s) => s.notice);
  const finishError = useWizardStore((s) => s.finishError);
  return (
    // Only the content scrolls: the title and the buttons stay in view in any window (760x480 up).
    <DialogContent dividers sx={{ flex: '1 1 auto', minHeight: 0, overflowY: 'auto' }}>
      <Stepper activeStep={view.index} sx={{ mb: 3 }} aria-label="Steps">
        {view.titles.map((title) => (
          <Step key={title}>
            <StepLabel>{title}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {notice ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {notice}
        </Alert>
      ) : null}
      {view.phase === 'loading' ? (
        <LinearProgress aria-label="Reading the host’s networks and interfaces" />
      ) : (
        <Box role="group" aria-label={view.titles[view.index]}>
          <StepBody key={view.step} step={view.step} errors={stepErrors(view.errors, view.step)} />
        </Box>
      )}
      <ElsewhereAlert view={view} />
      {finishError ? (
        <Alert severity="error" sx={{ mt: 2 }}>
          {finishError}
        </Alert>
      ) : null}
    </DialogContent>
  );
}

export function CreateNetworkWizard() {
  const open = useAppStore((s) => s.createOpen);
  const setOpen = useAppStore((s) => s.setCreateOpen);
  const next = useWizardStore((s) => s.next);
  const view = useWizardView();
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    resetWizard();
    void loadWizard(api());
    return abandonWizard;
  }, [open]);

  const close = () => {
    if (view.phase !== 'finishing') setOpen(false);
  };
  const submit = () => {
    if (view.isLast) {
      if (view.canFinish) void finish();
    } else if (view.canAdvance) next();
  };
  const finishNow = () => {
    if (view.canFinish) void finish();
  };

  return (
    <Dialog
      open={open}
      onClose={(_e, reason) => reason !== 'backdropClick' && close()}
      maxWidth="md"
      fullWidth
      aria-labelledby={titleId}
      // A fixed height (capped by the window) so the dialog does not jump between steps.
      slotProps={{
        paper: { sx: { height: 'min(680px, calc(100% - 32px))', maxHeight: 'calc(100% - 32px)', m: 2 } },
      }}
    >
      <Box
        component="form"
        noValidate
        sx={{ display: 'flex', flexDirection: 'column', flex: '1 1 auto', minHeight: 0 }}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={enterAdvances}
      >
        <DialogTitle id={titleId}>Create a new virtual network</DialogTitle>
        <WizardContent view={view} />
        <WizardButtons view={view} onCancel={close} onFinish={finishNow} />
      </Box>
    </Dialog>
  );
}
