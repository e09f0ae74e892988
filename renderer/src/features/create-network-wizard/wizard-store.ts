/**
 * The wizard's own store: values as typed, which proposals the person has overridden, the
 * step, and what was learnt from vnmd. It lives beside the app store (not in it) because
 * nothing outside the dialog reads it; `resetWizard` starts it afresh on every open.
 */
import { create } from 'zustand';
import type { WizardChoices } from '@shared/wizard/choices';
import type { WizardContext } from '@/features/create-network-wizard/logic/context';
import { EMPTY_CONTEXT } from '@/features/create-network-wizard/logic/context';
import type { FollowingKey } from '@/features/create-network-wizard/logic/proposals';
import { followNetwork } from '@/features/create-network-wizard/logic/proposals';
import { stepsFor } from '@/features/create-network-wizard/logic/steps';
import { OVN_CHOICES_DEFAULT } from '@shared/wizard/ovn-choices';

export type WizardPhase = 'loading' | 'ready' | 'finishing';

export const INITIAL_CHOICES: WizardChoices = {
  name: '',
  mode: 'nat',
  hostBridge: '',
  ipv4Network: '',
  ipv4Gateway: '',
  ipv4Dhcp: true,
  ipv4Start: '',
  ipv4End: '',
  ipv6Enabled: false,
  ipv6Network: '',
  ipv6Gateway: '',
  ipv6Dhcp: true,
  ipv6Start: '',
  ipv6End: '',
  ipv6Nat: true,
  forwardDev: '',
  dnsChoice: 'name',
  customDomain: '',
  startNow: true,
  autostart: true,
  ...OVN_CHOICES_DEFAULT,
};

const FOLLOWING = new Set<keyof WizardChoices>([
  'ipv4Gateway',
  'ipv4Start',
  'ipv4End',
  'ipv6Gateway',
  'ipv6Start',
  'ipv6End',
]);

export interface WizardState {
  phase: WizardPhase;
  stepIndex: number;
  values: WizardChoices;
  /** Proposed fields the person has typed into; they no longer follow their network. */
  edited: ReadonlySet<FollowingKey>;
  context: WizardContext;
  /** vnmd's proposed bridge name, a hint for the summary. */
  proposedBridge: string | undefined;
  /** vnmd's proposed IPv4 subnet, so the field can say when it still holds it. */
  proposedSubnet: string | undefined;
  /** Why a proposal could not be made (the fields are then left for the person). */
  notice: string | null;
  /** Why Finish failed; the wizard stays open with its values. */
  finishError: string | null;
  /** The line of the edited XML that vnmd's refusal at Finish is about. */
  finishLine: number | null;
  /**
   * The XML as the person edited it on the Summary's XML view, or null while it follows the
   * form. Once edited it is what Finish defines; later form changes never overwrite it (the
   * Summary says so and offers Reset to form), because merging them into hand-edited XML
   * could silently undo an edit.
   */
  editedXml: string | null;
  /** The form's XML when the edit began, so the Summary can tell the form changed since. */
  xmlFormBase: string | null;
  setField: <K extends keyof WizardChoices>(key: K, value: WizardChoices[K]) => void;
  next: () => void;
  back: () => void;
  /** Keeps the XML as typed; `formXml` is what the form would define at that moment. */
  editXml: (xml: string, formXml: string) => void;
  /** Throws the XML edits away: the XML follows the form again. */
  resetXml: () => void;
}

type Data = Omit<WizardState, 'setField' | 'next' | 'back' | 'editXml' | 'resetXml'>;

const initialData = (): Data => ({
  phase: 'loading',
  stepIndex: 0,
  values: INITIAL_CHOICES,
  edited: new Set(),
  context: EMPTY_CONTEXT,
  proposedBridge: undefined,
  proposedSubnet: undefined,
  notice: null,
  finishError: null,
  finishLine: null,
  editedXml: null,
  xmlFormBase: null,
});

export const useWizardStore = create<WizardState>()((set) => ({
  ...initialData(),
  setField: (key, value) =>
    set((s) => {
      let values: WizardChoices = { ...s.values, [key]: value };
      let edited = s.edited;
      if (FOLLOWING.has(key)) edited = new Set([...edited, key as FollowingKey]);
      if (key === 'ipv4Network') values = followNetwork(values, 'ipv4', edited);
      if (key === 'ipv6Network') values = followNetwork(values, 'ipv6', edited);
      return { values, edited, finishError: null, finishLine: null };
    }),
  next: () =>
    set((s) => ({
      stepIndex: Math.min(s.stepIndex + 1, stepsFor(s.values).length - 1),
      finishError: null,
    })),
  back: () => set((s) => ({ stepIndex: Math.max(s.stepIndex - 1, 0), finishError: null })),
  editXml: (xml, formXml) =>
    set((s) => ({
      editedXml: xml,
      xmlFormBase: s.xmlFormBase ?? formXml,
      finishError: null,
      finishLine: null,
    })),
  resetXml: () => set({ editedXml: null, xmlFormBase: null, finishError: null, finishLine: null }),
}));

/** Back to the first step with nothing loaded: called when the dialog opens. */
export function resetWizard(): void {
  useWizardStore.setState(initialData());
}
