// The root element's styles: the shared controls and layout, and what only the shell's own
// arrangement needs (which layer covers which).
import { css } from 'lit';
import { appLayout, controls } from '../ui/styles';

export const shellStyles = [
  controls,
  appLayout,
  // The A/B layer (z-index 20) covers the controls, never the banners: a failure while it
  // shows must be read, and its Retry reached.
  css`
    .bottom > error-banner {
      position: relative;
      z-index: 30;
    }
    /* the counts sit at the left like the HUD they stand on, as wide as their table */
    .bottom > count-panel {
      width: auto;
      align-self: flex-start;
    }
    /* results, a table and two charts: wider than the other sheets where there is room */
    .bottom > accuracy-panel {
      max-width: 64rem;
    }
  `,
];
