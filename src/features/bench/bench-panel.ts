// The bench screen: choose models, backends and frame count, run, watch progress, read and
// export the results. Data down from BenchController (via ssd-app), events up.
import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { BenchProgress } from '../../engine/bench/bench-runner';
import type { BackendRequest, ModelSummary } from '../../shared/protocol';
import type { ListedResult } from '../../results/results-store';
import { messages } from '../../i18n/messages';
import './results-view';
import { fire } from '../../ui/events';
import '../../ui/sheet';
import { controls, sheetText } from '../../ui/styles';
import { LocalizedElement } from '../../ui/localized-element';
import { modelName } from '../../i18n/labels';

const BACKENDS: BackendRequest[] = ['wasm', 'webgpu', 'webgl', 'cpu'];

@customElement('bench-panel')
export class BenchPanel extends LocalizedElement {
  static override styles = [
    controls,
    sheetText,
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
    `,
  ];

  @property({ attribute: false }) models: readonly ModelSummary[] = [];
  @property({ attribute: false }) results: readonly ListedResult[] = [];
  @property({ attribute: false }) progress: BenchProgress | null = null;
  @property({ type: Boolean }) running = false;
  @property() error: string | null = null;

  @state() private chosen = new Set(['ssd-mobilenet-v1-face', 'mobilenet-v1-10-ssd300', 'vgg16-ssd300']);
  @state() private backends = new Set<BackendRequest>(['wasm']);
  @state() private frames = 20;

  override render() {
    const t = messages.bench;
    const runnable = this.models.filter((m) => !m.needsNetwork);
    return html`<ssd-sheet heading=${t.title} close-label=${t.close} close-testid="bench-close" @sheet-close=${() => fire(this, 'bench-close', {})}>
      <p class="muted">${t.help}</p>
      <fieldset>
        <legend>${t.models}</legend>
        <div class="choices">
          ${runnable.map(
            (m) => html`<label><input type="checkbox" .checked=${this.chosen.has(m.id)} @change=${(e: Event) => this.toggle(this.chosen, m.id, e)} /> ${modelName(m)}</label>`,
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
      <div class="row">
        <label>${t.frames} <input type="number" min="1" max="1000" .value=${String(this.frames)} @change=${(e: Event) => (this.frames = Number((e.target as HTMLInputElement).value) || 20)} /></label>
        ${this.running
          ? html`<button @click=${() => fire(this, 'bench-cancel', {})}>${t.cancel}</button>`
          : html`<button class="primary" data-testid="run-bench" ?disabled=${this.chosen.size === 0 || this.backends.size === 0} @click=${this.onRun}>${t.run}</button>`}
      </div>
      ${this.progress && this.running ? html`<p role="status" data-testid="bench-progress">${t.running(this.progress.done, this.progress.total, this.progress.current)}</p>` : nothing}
      <h3>${t.results}</h3>
      <results-view .results=${this.results} .error=${this.error}></results-view>
    </ssd-sheet>`;
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
