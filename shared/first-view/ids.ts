/** Where the browser shell's served first view is in the page (page.ts), for the renderer's entry. */

/** The id of the served view; React's window takes its place. */
export const FIRST_VIEW_ELEMENT = 'vnm-first-view';
/** Served rows' ids start with this, so they never clash with React's rows' ids. */
export const FIRST_VIEW_ID_PREFIX = 'vnm-first-';
