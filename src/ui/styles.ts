// Shared look: the colour and spacing custom properties, dark glass panels over the video,
// touch targets of at least 44 px, and the words' colours in a sheet.
import { css, unsafeCSS, type CSSResult } from 'lit';
import { COLORS, RADIUS, SPACE } from './tokens';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const declare = (prefix: string, values: Record<string, string | number>, unit = '') =>
  Object.entries(values)
    .map(([k, v]) => `--ssd-${prefix}${kebab(k)}: ${v}${unit};`)
    .join('\n');

/**
 * The custom properties (--ssd-accent, --ssd-space-m, --ssd-radius-panel ...), from tokens.ts.
 * Declared on the host of every element that uses `controls` or `panel` (the app's root among
 * them), so an element shown on its own still has them; the values are the same everywhere.
 */
export const tokens: CSSResult = unsafeCSS(`:host {
${declare('', COLORS)}
${declare('space-', SPACE, 'px')}
${declare('radius-', RADIUS, 'px')}
}`);

export const panel = css`
  ${tokens}
  .panel {
    background: var(--ssd-glass);
    color: var(--ssd-text);
    border-radius: var(--ssd-radius-panel);
    -webkit-backdrop-filter: blur(6px);
    backdrop-filter: blur(6px);
  }
`;

/** The rule behind .visually-hidden: read by screen readers, not drawn. */
const hiddenRule = 'position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;';

/** `.visually-hidden`, for text only screen readers need (a status said aloud, a label). */
export const visuallyHidden = unsafeCSS(`.visually-hidden { ${hiddenRule} }`);

/** The same rule for a host element that is itself only for screen readers. */
export const visuallyHiddenHost = unsafeCSS(`:host { ${hiddenRule} }`);

/** 44x44 px touch areas on touch screens, for elements whose styles do not take `controls`. */
export const touchTargets = css`
  @media (pointer: coarse) {
    input[type='checkbox'],
    input[type='radio'] {
      width: 22px;
      height: 22px;
      margin: 0 8px 0 0;
    }
    label:has(> input[type='checkbox']),
    label:has(> input[type='radio']) {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      min-width: 44px;
    }
    input:not([type='checkbox']):not([type='radio']):not([type='hidden']),
    textarea {
      min-height: 44px;
      box-sizing: border-box;
    }
    summary {
      display: flex;
      align-items: center;
      min-height: 44px;
    }
    a[href] {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      min-width: 44px;
    }
  }
`;

export const controls = css`
  ${tokens}
  button,
  select {
    font: inherit;
    font-size: 15px;
    min-height: 44px;
    border-radius: 22px;
    border: 1px solid var(--ssd-border-control);
    background: var(--ssd-glass);
    color: var(--ssd-text-strong);
    padding: 0 var(--ssd-space-l);
    cursor: pointer;
    touch-action: manipulation; /* no double-tap zoom delay */
  }
  button:disabled,
  select:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--ssd-accent);
    outline-offset: 2px;
  }
  .primary {
    background: var(--ssd-primary);
    border-color: var(--ssd-primary);
    font-weight: 600;
  }
  button {
    min-width: 44px;
  }
  /* Touch screens: every control is at least 44x44 px of touch area (WCAG 2.5.5, enhanced).
     A checkbox's area is its label, which toggles it too. */
  ${touchTargets}
`;

/**
 * <ssd-app>: the video fills the screen (any orientation, under the notch); everything else
 * sits in one column at the bottom, in thumb reach and off the middle and top of the picture
 * where subjects usually are: the folded HUD, banners, an open sheet, the pickers and tools,
 * then the start / snapshot / switch bar. Only the storage button stays at the top.
 */
export const appLayout = css`
  :host {
    position: fixed;
    inset: 0;
    display: block;
    overflow: hidden;
    background: var(--ssd-backdrop);
    color: var(--ssd-text);
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Hiragino Sans', 'Noto Sans CJK JP', sans-serif;
    -webkit-tap-highlight-color: transparent;
    touch-action: manipulation;
  }
  /* Japanese breaks between phrases, never inside a word (Chromium: word-break: auto-phrase,
     which acts only on text in Japanese; it is inherited by every element inside the app) */
  @supports (word-break: auto-phrase) {
    :host {
      word-break: auto-phrase;
    }
  }
  .top-right {
    position: absolute;
    top: calc(env(safe-area-inset-top) + var(--ssd-space-s));
    right: calc(env(safe-area-inset-right) + var(--ssd-space-s));
    display: flex;
    align-items: center;
    gap: var(--ssd-space-s);
  }
  .top-right .round {
    width: 44px;
    min-height: 44px;
  }
  .intro {
    position: absolute;
    inset: 0;
    display: grid;
    place-content: center;
    text-align: center;
    padding: 24px 24px 40vh;
    pointer-events: none;
  }
  .intro h1 {
    margin: 0 0 8px;
    font-size: 28px;
  }
  .intro p {
    margin: 0;
    color: var(--ssd-text-muted);
  }
  .bottom {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    max-height: 100%;
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: calc(env(safe-area-inset-top) + 8px) calc(env(safe-area-inset-right) + 12px) calc(env(safe-area-inset-bottom) + 12px)
      calc(env(safe-area-inset-left) + 12px);
    pointer-events: none; /* taps go through to nothing, but controls opt back in */
  }
  .bottom > * {
    pointer-events: auto;
    flex: none;
    /* on a laptop screen, keep banners and controls a readable width in the middle */
    width: 100%;
    max-width: 40rem;
    align-self: center;
    box-sizing: border-box;
  }
  .bottom > fps-hud {
    width: auto;
    align-self: flex-start;
  }
  /* an open sheet (settings, import, bench) gives way first when the screen is short */
  .bottom > .sheet {
    flex: 0 1 auto;
    min-height: 0;
  }
  .bottom > .status {
    width: auto;
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: 4px 8px;
    font-size: 13px;
    padding: 4px 12px;
    border-radius: var(--ssd-radius-panel);
    background: var(--ssd-glass-strong);
  }
  .status progress {
    flex: 1 1 8rem;
    height: 6px;
    accent-color: var(--ssd-accent);
  }
  .spinner {
    width: 12px;
    height: 12px;
    border-radius: 50%;
    border: 2px solid var(--ssd-border-control);
    border-top-color: var(--ssd-text-strong);
    animation: spin 0.9s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  .tools,
  .secondary,
  .bar {
    display: flex;
    gap: 8px;
    justify-content: center;
    align-items: center;
    flex-wrap: wrap;
  }
  .tools model-picker {
    flex: 1 1 9rem;
    min-width: 0;
    max-width: 24rem;
  }
  .secondary {
    gap: 6px;
  }
  .secondary button {
    min-height: 40px;
    padding: 0 12px;
    font-size: 14px;
  }
  @media (pointer: coarse) {
    .secondary button {
      min-height: 44px;
    }
  }
  .bar .primary {
    min-width: 9rem;
    min-height: 56px;
    border-radius: 28px;
    font-size: 18px;
  }
  .round {
    width: 56px;
    min-height: 56px;
    padding: 0;
    border-radius: 50%;
    display: grid;
    place-items: center;
  }
  .spacer {
    width: 56px;
  }
  /* laptops and tablets: the tools fit one row beside each other */
  @media (min-width: 900px) {
    .bottom > * {
      max-width: 52rem;
    }
  }
  /* landscape phones: the picture is short, so the column must be too */
  @media (orientation: landscape) and (max-height: 500px) {
    .bottom {
      gap: 6px;
      padding-bottom: calc(env(safe-area-inset-bottom) + 8px);
    }
    .bar .primary,
    .round {
      min-height: 48px;
    }
    .round {
      width: 48px;
    }
    .spacer {
      width: 48px;
    }
  }
`;

/** The colours of words in a sheet: secondary, warning, error and success lines. */
export const sheetText = css`
  .muted {
    color: var(--ssd-text-muted);
  }
  .warn {
    color: var(--ssd-warn);
  }
  .error {
    color: var(--ssd-error);
  }
  .ok {
    color: var(--ssd-ok);
  }
`;
