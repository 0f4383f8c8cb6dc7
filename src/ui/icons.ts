// The app's few inline icons (stroke drawings in the text colour), kept here so the elements
// that show them hold markup, not path data. Each is decorative: the button around it carries
// the label (aria-label and title), so the drawing is hidden from assistive technology.
import { html, svg, type SVGTemplateResult } from 'lit';

function icon(size: number, paths: SVGTemplateResult) {
  return html`<svg width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">${paths}</svg>`;
}

/** A camera body: the snapshot button. */
export const cameraIcon = () =>
  icon(
    26,
    svg`<rect x="3" y="6" width="18" height="14" rx="2" /><path d="M8 6l1.5-2h5L16 6" /><circle cx="12" cy="13" r="3.5" />`,
  );

/** A camera with turning arrows: switch between the front and back camera. */
export const switchCameraIcon = () =>
  icon(
    26,
    svg`<path d="M4 7h3l2-3h6l2 3h3v12H4z" /><path d="M9 13a3 3 0 0 1 5.2-2M15 13a3 3 0 0 1-5.2 2" /><path d="M14.5 8.8v2.4h-2.4M9.5 17.2v-2.4h2.4" />`,
  );

/** An arrow into a tray: what this device keeps for offline use. */
export const storageIcon = () =>
  icon(22, svg`<path d="M12 3v11M7.5 9.5 12 14l4.5-4.5" /><path d="M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />`);
