// The bench screen: choose models, backends and frame count, run, watch progress, read and
// export the results. Data down from BenchController (via ssd-app), events up. The frame
// count, Run/Cancel and the progress (model, pair i of n, a bar) stay in view at the foot of
// the sheet while its lists scroll; when a run ends the results are brought into view and the
// end is announced. The default plan is short enough for a phone (VGG is the user's to add).
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BenchProgress } from '../../engine/bench/bench-runner';
import type { BackendRequest, ModelSummary } from '../../shared/protocol';
import type { ListedResult } from '../../results/results-store';
import { messages } from '../../i18n/messages';
import './results-view';
import { fire } from '../../ui/events';
import '../../ui/sheet';
import { controls, sheetText, visuallyHidden } from '../../ui/styles';
import { LocalizedElement } from '../../ui/localized-element';
import { displayName } from '../../i18n/labels';

const BACKENDS: BackendRequest[] = ['wasm', 'webgpu', 'webgl', 'cpu'];

@customElement('bench-panel')
export class BenchPanel extends LocalizedElement {
  static override styles = [
    controls,
    sheetText,
    visuallyHidden,
    css`
      :host {
        display: flex;
        flex-direction: column;
        font: 13px/1.45 system-ui, sans-serif;
      }
      p {
        margin: var(--ssd-space-xs) 0;
      }
      h3 {
        font-size: 15px;
        margin: var(--ssd-space-m) 0 var(--ssd-space-xs);
      }
      fieldset {
        border: 1px solid var(--ssd-border);
        border-radius: var(--ssd-radius-card);
        margin: 6px 0;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: var(--ssd-space-xs) var(--ssd-space-m);
      }
      .row {
        display: flex;
        gap: var(--ssd-space-s);
        align-items: center;
        flex-wrap: wrap;
        margin: var(--ssd-space-s) 0;
      }
      /* the foot of the sheet: always in view while the choices and results scroll */
      .actions {
        position: sticky;
        bottom: calc(-1 * var(--ssd-space-l));
        z-index: 1;
        margin: var(--ssd-space-s) calc(-1 * var(--ssd-space-l)) 0;
        padding: var(--ssd-space-xs) var(--ssd-space-l) var(--ssd-space-l);
        background: var(--ssd-sheet);
        border-top: 1px solid var(--ssd-border);
      }
      .actions .row {
        margin: var(--ssd-space-xs) 0 0;
      }
      .progress p {
        margin: var(--ssd-space-xs) 0 0;
      }
      progress {
        width: 100%;
        height: 8px;
        accent-color: var(--ssd-accent);
      }
    `,
  ];

  @property({ attribute: false }) models: readonly ModelSummary[] = [];
  @property({ attribute: false }) results: readonly ListedResult[] = [];
  @property({ attribute: false }) progress: BenchProgress | null = null;
  @property({ type: Boolean }) running = false;
  @property() error: string | null = null;

  // A first run that ends in well under a minute on a mid-range phone: the trained face SSD
  // and its speed twin at SSD300; VGG16 (31 G mult-adds a frame) is the user's to add.
  @state() private chosen = new Set(['ssd-mobilenet-v1-face', 'mobilenet-v1-10-ssd300']);
  @state() private backends = new Set<BackendRequest>(['wasm']);
  @state() private frames = 10;
  /** said when the last run ended (read by screen readers; the results scroll into view) */
  @state() private announcement = '';

  override render() {
    const t = messages.bench;
    const runnable = this.models.filter((m) => !m.needsNetwork);
    return html`<ssd-sheet heading=${t.title} close-label=${t.close} close-testid="bench-close" @sheet-close=${() => fire(this, 'bench-close', {})}>
      <p class="muted">${t.help}</p>
      <fieldset>
        <legend>${t.models}</legend>
        <div class="choices">
          ${runnable.map(
            (m) => html`<label><input type="checkbox" .checked=${this.chosen.has(m.id)} @change=${(e: Event) => this.toggle(this.chosen, m.id, e)} /> ${displayName(m, m.id)}</label>`,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>${t.backends}</legend>
        <div class="choices">
          ${BACKENDS.map(
            (b) => html`<label><input type="checkbox" .checked=${this.backends.has(b)} @change=${(e: Event) => this.toggle(this.backends, b, e)} /> ${messages.backendNames[b]}</label>`,
          )}
        </div>
      </fieldset>
      <h3 data-testid="bench-results-heading">${t.results}</h3>
      <results-view .results=${this.results} .error=${this.error}></results-view>
      <div class="actions">
        ${this.progress && this.running ? this.renderProgress(this.progress) : nothing}
        <div class="row">
          <label>${t.frames} <input type="number" min="1" max="1000" .value=${String(this.frames)} @change=${(e: Event) => (this.frames = Number((e.target as HTMLInputElement).value) || 10)} /></label>
          ${this.running
            ? html`<button data-testid="bench-cancel" @click=${() => fire(this, 'bench-cancel', {})}>${t.cancel}</button>`
            : html`<button class="primary" data-testid="run-bench" ?disabled=${this.chosen.size === 0 || this.backends.size === 0} @click=${this.onRun}>${t.run}</button>`}
        </div>
        <p class="visually-hidden" role="status" data-testid="bench-announce">${this.announcement}</p>
      </div>
    </ssd-sheet>`;
  }

  private renderProgress(p: BenchProgress) {
    const t = messages.bench;
    const name = p.model ? `${displayName(this.models.find((m) => m.id === p.model), p.model)} · ${messages.backendNames[p.backend as BackendRequest] ?? p.backend}` : '';
    return html`<div class="progress" data-testid="bench-progress">
      <p role="status">${t.running(p.done, p.total, name)}</p>
      <progress max=${p.total} .value=${p.done} aria-label=${t.running(p.done, p.total, name)}></progress>
    </div>`;
  }

  protected override updated(changed: Map<string, unknown>): void {
    if (!changed.has('running')) return;
    if (this.running) {
      this.announcement = '';
    } else if (changed.get('running') === true) {
      // a run ended: its results (or why it stopped) come into view, and the end is said
      if (!this.error) this.announcement = messages.bench.finished(this.results.length);
      this.renderRoot.querySelector(this.error ? 'results-view' : '[data-testid="bench-results-heading"]')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
  }

  private toggle<T>(set: Set<T>, value: T, e: Event): void {
    const next = new Set(set);
    if ((e.target as HTMLInputElement).checked) next.add(value);
    else next.delete(value);
    if (set === (this.chosen as unknown)) this.chosen = next as unknown as Set<string>;
    else this.backends = next as unknown as Set<BackendRequest>;
  }

  private onRun(): void {
    fire(this, 'bench-run', { models: [...this.chosen], backends: [...this.backends], frames: this.frames, warmup: 3 });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bench-panel': BenchPanel;
  }
}
