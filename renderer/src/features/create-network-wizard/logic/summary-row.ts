/** One line of the wizard's Summary: a term and what the choices make of it. */
export interface SummaryRow {
  readonly term: string;
  readonly detail: string;
}
