/** Where the browser shell's served first view is in the page (page.ts), for the renderer's entry. */

/** The id of the served view; React's window takes its place. */
export const FIRST_VIEW_ELEMENT = 'vnm-first-view';
/**
 * The window's theme preference ('light', 'dark'; absent: the system's), kept by the renderer
 * in a cookie too so the shell serves the first view in the colours the window will have.
 */
export const THEME_COOKIE = 'vnm_theme';
