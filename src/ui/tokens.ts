// The app's colours and spacing, named for what they are for. Plain strings (no Lit) so that
// canvas code (Chart.js configurations, the snapshot caption) can use the same values as the
// CSS; styles.ts turns them into the --ssd-* custom properties the elements' styles use.

/** Colours by role. The sheets sit on `sheet`, which is opaque: on a phone nothing of the
 * page or the video may show through a table or a chart. */
export const COLORS = {
  /** links, focus rings, progress bars, the first chart series */
  accent: '#7cc4ff',
  /** a wash of the accent behind a drop target or a highlighted figure */
  accentWash: 'rgba(124, 196, 255, 0.08)',
  /** a thin accent border (badges, the update toast) */
  accentLine: 'rgba(124, 196, 255, 0.6)',
  /** the accent as a filled button that is pressed */
  accentFill: '#1f4f7a',
  /** the primary action; white on it is 5.6:1 (WCAG AA for normal text) */
  primary: '#c62828',
  /** a failure banner */
  danger: 'rgba(183, 28, 28, 0.92)',
  /** a notice banner (something to know, nothing failed) */
  notice: 'rgba(40, 44, 52, 0.9)',
  /** text on the dark glass over the video */
  text: '#f2f2f2',
  /** text in the sheets */
  textSheet: '#eef',
  /** text on buttons and inputs */
  textStrong: '#fff',
  /** secondary text: help lines, captions, table labels (7.9:1 on the sheet) */
  textMuted: '#b8c4d0',
  /** sub-headings in a sheet */
  textHeading: '#c9d4e0',
  /** something to look at again (a fallback backend, a speed-only model, offline) */
  warn: '#ffcc66',
  /** a thin warning border (a notice, the offline badge) */
  warnLine: 'rgba(255, 204, 102, 0.6)',
  /** an error said in a sheet */
  error: '#ffb0a0',
  /** something that went well */
  ok: '#9be39b',
  /** the sheets' surface: opaque */
  sheet: '#12161c',
  /** a card inside a sheet (a result, a run) */
  card: 'rgba(255, 255, 255, 0.05)',
  /** the dark glass of the panels and buttons over the video */
  glass: 'rgba(0, 0, 0, 0.55)',
  /** darker glass for a status line over a bright picture */
  glassStrong: 'rgba(0, 0, 0, 0.7)',
  /** the app's background behind the video */
  backdrop: '#000',
  /** an input field's background */
  field: '#0c0f13',
  /** a fieldset's border in a sheet */
  border: '#345',
  /** a button's border on the glass */
  borderControl: 'rgba(255, 255, 255, 0.35)',
  /** an input field's border */
  borderField: 'rgba(255, 255, 255, 0.45)',
  /** lines between rows */
  hairline: 'rgba(255, 255, 255, 0.1)',
  /** the shadow under something floating over the video (the update toast) */
  shadow: 'rgba(0, 0, 0, 0.4)',
} as const;

/** Chart series in order (canvas: Chart.js): the theme's accent, warning and success colours
 * first, then three more that stay apart from them on the dark sheet. */
export const SERIES: readonly string[] = [COLORS.accent, COLORS.warn, COLORS.ok, '#ff9e9e', '#c9a7ff', '#7fe0d8'];

/** Spacing steps (px), so that sheets and rows line up with each other. */
export const SPACE = { xs: 4, s: 8, m: 12, l: 16 } as const;

/** Corner radii (px): a sheet or a panel, and a card or a fieldset inside one. */
export const RADIUS = { panel: 12, card: 8 } as const;
