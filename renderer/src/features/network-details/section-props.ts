/** What every editing section of Details gets: the values shown, their problems, and how to change them. */
import type { DetailsDraft } from './details-draft';
import type { DraftProblem } from './details-problems';

export interface SectionProps {
  readonly values: DetailsDraft;
  readonly problems: readonly DraftProblem[];
  readonly disabled: boolean;
  readonly edit: (patch: Partial<DetailsDraft>) => void;
}
