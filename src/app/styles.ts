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
    background: #e53935;
    border-color: #e53935;
    font-weight: 600;
  }
`;

/** <ssd-app>: video full screen, HUD top left, banners and controls at the bottom (thumb reach). */
export const appLayout = css`
  :host {
    position: fixed;
    inset: 0;
    display: block;
    overflow: hidden;
    background: #000;
    color: #f2f2f2;
    font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    -webkit-tap-highlight-color: transparent;
  }
  .top {
    position: absolute;
    top: calc(env(safe-area-inset-top) + 8px);
    left: calc(env(safe-area-inset-left) + 8px);
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
    padding: 24px;
    pointer-events: none;
  }
  .intro h1 {
    margin: 0 0 8px;
    font-size: 28px;
  }
  .intro p {
    margin: 0;
    opacity: 0.8;
  }
  .bottom {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 8px calc(env(safe-area-inset-right) + 12px) calc(env(safe-area-inset-bottom) + 12px)
      calc(env(safe-area-inset-left) + 12px);
    pointer-events: none; /* taps go through to nothing, but controls opt back in */
  }
  .bottom > * {
    pointer-events: auto;
    /* on a laptop screen, keep banners and controls a readable width in the middle */
    width: 100%;
    max-width: 40rem;
    align-self: center;
    box-sizing: border-box;
  }
  .bottom > .status {
    width: auto;
    font-size: 13px;
    padding: 4px 12px;
    border-radius: 12px;
    background: rgba(0, 0, 0, 0.55);
  }
  .pickers,
  .bar {
    display: flex;
    gap: 8px;
    justify-content: center;
    align-items: center;
    flex-wrap: wrap;
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
`;
