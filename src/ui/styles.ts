// Shared look: dark glass panels over the video, and touch targets of at least 44 px.
import { css } from 'lit';

export const panel = css`
  .panel {
    background: rgba(0, 0, 0, 0.55);
    color: #f2f2f2;
    border-radius: 12px;
    -webkit-backdrop-filter: blur(6px);
    backdrop-filter: blur(6px);
  }
`;

export const controls = css`
  button,
  select {
    font: inherit;
    font-size: 15px;
    min-height: 44px;
    border-radius: 22px;
    border: 1px solid rgba(255, 255, 255, 0.35);
    background: rgba(0, 0, 0, 0.55);
    color: #fff;
    padding: 0 16px;
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
    outline: 2px solid #7cc4ff;
    outline-offset: 2px;
  }
  .primary {
    /* white on this red is 5.6:1 (WCAG AA for normal text) */
    background: #c62828;
    border-color: #c62828;
    font-weight: 600;
  }
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
    background: #000;
    color: #f2f2f2;
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Hiragino Sans', 'Noto Sans CJK JP', sans-serif;
    -webkit-tap-highlight-color: transparent;
    touch-action: manipulation;
  }
  .top-right {
    position: absolute;
    top: calc(env(safe-area-inset-top) + 8px);
    right: calc(env(safe-area-inset-right) + 8px);
    display: flex;
    align-items: center;
    gap: 8px;
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
    color: #d0d0d0;
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
    border-radius: 12px;
    background: rgba(0, 0, 0, 0.7);
  }
  .status progress {
    flex: 1 1 8rem;
    height: 6px;
    accent-color: #7cc4ff;
  }
  .spinner {
    width: 12px;
    height: 12px;
    border-radius: 50%;
    border: 2px solid rgba(255, 255, 255, 0.3);
    border-top-color: #fff;
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
