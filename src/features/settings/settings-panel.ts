// The settings sheet: detection thresholds and box limit (sent to the engine), which classes
// are drawn (display only), camera resolution and mirroring, language, HUD detail. Settings
// down, `settings-change` {patch} and `settings-close` up; ssd-app stores and applies them.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatNumber } from '../../i18n/locale';
import { className } from '../../i18n/labels';
import { LocaleController } from '../../i18n/locale-controller';
import { messages } from '../../i18n/messages';
import { DEFAULT_SETTINGS, LIMITS, RESOLUTIONS, scoreThresholdFor, type Resolution, type Settings } from './settings';
import type { ModelSummary } from '../../shared/protocol';
import { fire } from '../../ui/events';
import '../../ui/sheet';
import { controls } from '../../ui/styles';

export type SettingsPatch = Partial<Settings>;

const LANGUAGES = ['auto', 'en', 'ja'] as const;

@customElement('settings-panel')
export class SettingsPanel extends LitElement {
  static override styles = [
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        font-size: 14px;
        line-height: 1.45;
      }
      ssd-sheet {
        max-height: min(70vh, 34rem);
      }
      h3 {
        margin: 14px 0 6px;
        font-size: 14px;
        color: var(--ssd-text-heading);
      }
      .field {
        display: grid;
        grid-template-columns: 1fr auto;
        align-items: center;
        gap: 2px 10px;
        margin: var(--ssd-space-s) 0;
      }
      .field label {
        grid-column: 1 / -1;
      }
      .help {
        grid-column: 1 / -1;
        margin: 0;
        font-size: 12px;
        color: var(--ssd-text-muted);
      }
      input[type='range'] {
        width: 100%;
        min-height: 32px;
        accent-color: var(--ssd-accent);
      }
      input[type='number'] {
        font: inherit;
        width: 5.5em;
        min-height: 36px;
        border-radius: var(--ssd-radius-card);
        border: 1px solid var(--ssd-border-field);
        background: var(--ssd-field);
        color: var(--ssd-text-strong);
        padding: 0 var(--ssd-space-s);
      }
      input:focus-visible {
        outline: 2px solid var(--ssd-accent);
        outline-offset: 2px;
      }
      select {
        width: 100%;
      }
      .check {
        display: flex;
        align-items: center;
        gap: var(--ssd-space-s);
        min-height: 36px;
      }
      .check input {
        width: 20px;
        height: 20px;
        accent-color: var(--ssd-accent);
      }
      .classes {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
        gap: 0 10px;
        max-height: 11rem;
        overflow: auto;
        padding: 2px;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--ssd-space-s);
        margin: 6px 0;
      }
      .row button {
        min-height: 36px;
        font-size: 14px;
      }
    `,
  ];

  @property({ attribute: false }) settings: Settings = { ...DEFAULT_SETTINGS, shownLabels: {} };
  /** the running model: its id and its class names, for the class filter */
  @property() modelId = '';
  @property({ attribute: false }) labels: readonly string[] = [];
  /** the model's measured operating point (its manifest), null when never measured */
  @property({ attribute: false }) measured: ModelSummary['defaultScoreThreshold'] = null;
  /** whether the HUD shows everything now (the setting may be "auto") */
  @property({ type: Boolean }) hudOpen = false;
  /** `?track=1`: tracking is on for this visit; the checkbox shows it, checked and fixed */
  @property({ type: Boolean }) trackingFromUrl = false;

  protected readonly i18n = new LocaleController(this);

  override render() {
    const t = messages.settings;
    const s = this.settings;
    // the sheet: the dialog named by its heading, which takes the focus; Close and Escape
    return html`<ssd-sheet heading=${t.title} close-label=${t.close} close-testid="settings-close" @sheet-close=${this.close}>

      <h3>${t.detection}</h3>
      ${this.renderScoreThreshold()}
      ${this.renderThreshold('iou', t.iouThreshold, t.iouHelp, s.iouThreshold, LIMITS.iouThreshold, 'iouThreshold')}
      ${this.renderNumber('max-boxes', t.maxBoxes, s.maxDetections, LIMITS.maxDetections, 'maxDetections')}
      <label class="check">
        <input
          type="checkbox"
          data-testid="tracking"
          .checked=${s.tracking || this.trackingFromUrl}
          ?disabled=${this.trackingFromUrl}
          @change=${(e: Event) => this.fire({ tracking: (e.target as HTMLInputElement).checked })}
        />
        ${t.tracking}
      </label>
      <p class="help">${this.trackingFromUrl ? t.trackingFromUrl : t.trackingHelp}</p>
      ${s.tracking || this.trackingFromUrl
        ? html`${this.renderNumber('track-min-hits', t.trackMinHits, s.trackMinHits, LIMITS.trackMinHits, 'trackMinHits')}
          ${this.renderNumber('track-max-misses', t.trackMaxMisses, s.trackMaxMisses, LIMITS.trackMaxMisses, 'trackMaxMisses')}
          ${this.renderNumber('track-low-score', t.trackLowScore, s.trackLowScore, LIMITS.trackLowScore, 'trackLowScore')}`
        : nothing}

      <h3 id="classes-title">${t.classes}</h3>
      ${this.renderClasses()}

      <h3>${t.camera}</h3>
      <div class="field">
        <label for="resolution">${t.resolution}</label>
        <select
          id="resolution"
          data-testid="resolution"
          @change=${(e: Event) => this.fire({ resolution: (e.target as HTMLSelectElement).value as Resolution })}
        >
          ${(Object.keys(RESOLUTIONS) as Resolution[]).map(
            (r) => html`<option value=${r} ?selected=${r === s.resolution}>${t.resolutions[r]}</option>`,
          )}
        </select>
      </div>
      <label class="check">
        <input
          type="checkbox"
          data-testid="mirror-front"
          .checked=${s.mirrorFront}
          @change=${(e: Event) => this.fire({ mirrorFront: (e.target as HTMLInputElement).checked })}
        />
        ${t.mirrorFront}
      </label>

      <h3>${t.display}</h3>
      <div class="field">
        <label for="language">${t.language}</label>
        <select
          id="language"
          data-testid="language"
          @change=${(e: Event) => this.fire({ language: (e.target as HTMLSelectElement).value as Settings['language'] })}
        >
          ${LANGUAGES.map((l) => html`<option value=${l} lang=${l === 'auto' ? messages.lang : l} ?selected=${l === s.language}>${t.languages[l]}</option>`)}
        </select>
      </div>
      <label class="check">
        <input
          type="checkbox"
          data-testid="hud-open"
          .checked=${this.hudOpen}
          @change=${(e: Event) => this.fire({ hudOpen: (e.target as HTMLInputElement).checked })}
        />
        ${t.hudOpen}
      </label>
      <div class="row">
        <button data-testid="settings-reset" @click=${() => this.fire({ ...DEFAULT_SETTINGS, shownLabels: {} })}>${t.reset}</button>
      </div>
    </ssd-sheet>`;
  }

  /** The score threshold is the model's own: measured for it, or the user's for it. */
  private renderScoreThreshold() {
    const t = messages.settings;
    const s = this.settings;
    const m = this.measured;
    const { value, source } = scoreThresholdFor(s, this.modelId, m?.value);
    const set = (v: number) => this.fire({ modelScoreThresholds: { ...s.modelScoreThresholds, [this.modelId]: v } });
    const fmt = (n: number) => formatNumber(n, 2, 2);
    const where =
      source === 'measured' && m
        ? t.scoreMeasured(m.dataset, m.images, messages.backendNames[m.backend as keyof typeof messages.backendNames] ?? m.backend, m.measured, formatNumber(m.recall, 1, 0), formatNumber(m.precision, 1, 0))
        : source === 'yours'
          ? m
            ? t.scoreYoursMeasured(fmt(m.value), m.dataset)
            : t.scoreYours
          : t.scoreNotMeasured(fmt(DEFAULT_SETTINGS.scoreThreshold));
    return html`${this.renderThreshold('score', t.scoreThreshold, t.scoreHelp, value, LIMITS.scoreThreshold, set)}
      <p class="help" data-testid="score-source" data-source=${source}>${where}</p>
      ${source === 'yours' && m
        ? html`<div class="row">
            <button data-testid="score-use-measured" @click=${this.useMeasured}>${t.scoreUseMeasured(fmt(m.value))}</button>
          </div>`
        : ''}`;
  }

  /** Back to the measured operating point: the user's own value for this model goes, and so
   * does an all-models value an older version kept. */
  private useMeasured = (): void => {
    const own = { ...this.settings.modelScoreThresholds };
    delete own[this.modelId];
    this.fire({ modelScoreThresholds: own, scoreThreshold: DEFAULT_SETTINGS.scoreThreshold });
  };

  /** A plain number field for one setting, committed on change. */
  private renderNumber(
    id: string,
    label: string,
    value: number,
    limits: { min: number; max: number; step: number },
    key: 'maxDetections' | 'trackMinHits' | 'trackMaxMisses' | 'trackLowScore',
  ) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <span></span>
      <input
        id=${id}
        data-testid=${id}
        type="number"
        inputmode=${limits.step < 1 ? 'decimal' : 'numeric'}
        min=${limits.min}
        max=${limits.max}
        step=${limits.step}
        .value=${String(value)}
        @change=${(e: Event) => this.fire({ [key]: Number((e.target as HTMLInputElement).value) })}
      />
    </div>`;
  }

  private renderThreshold(
    id: string,
    label: string,
    help: string,
    value: number,
    limits: { min: number; max: number; step: number },
    key: 'iouThreshold' | ((value: number) => void),
  ) {
    const set = (e: Event) => {
      const v = Number((e.target as HTMLInputElement).value);
      if (typeof key === 'function') key(v);
      else this.fire({ [key]: v });
    };
    return html`<div class="field">
      <label for="${id}-number">${label}</label>
      <input
        type="range"
        data-testid="${id}-threshold-range"
        aria-label=${label}
        aria-valuetext=${formatNumber(value, 2, 2)}
        min=${limits.min}
        max=${limits.max}
        step=${limits.step}
        .value=${String(value)}
        @change=${set}
      />
      <input
        id="${id}-number"
        data-testid="${id}-threshold"
        type="number"
        inputmode="decimal"
        min=${limits.min}
        max=${limits.max}
        step=${limits.step}
        .value=${String(value)}
        @change=${set}
      />
      <p class="help">${help}</p>
    </div>`;
  }

  private renderClasses() {
    const t = messages.settings;
    const labels = [...new Set(this.labels.filter(Boolean))];
    if (labels.length === 0) return html`<p class="help">${t.noClasses}</p>`;
    const shown = this.settings.shownLabels[this.modelId];
    const isShown = (l: string) => !shown || shown.includes(l);
    const sorted = labels.map((l) => ({ l, name: className(l) })).sort((a, b) => a.name.localeCompare(b.name, messages.lang));
    return html`<p class="help">${t.classesHelp}</p>
      <div class="row">
        <button data-testid="classes-all" @click=${() => this.setShown(null)}>${t.showAll}</button>
        <button data-testid="classes-none" @click=${() => this.setShown([])}>${t.showNone}</button>
      </div>
      <div class="classes" role="group" aria-labelledby="classes-title" data-testid="class-filter">
        ${sorted.map(
          ({ l, name }) => html`<label class="check"
            ><input
              type="checkbox"
              data-label=${l}
              .checked=${isShown(l)}
              @change=${(e: Event) => this.toggle(labels, l, (e.target as HTMLInputElement).checked)}
            />${name}</label
          >`,
        )}
      </div>
`;
  }

  private toggle(all: string[], label: string, on: boolean): void {
    const current = this.settings.shownLabels[this.modelId] ?? all;
    const next = on ? [...new Set([...current, label])] : current.filter((l) => l !== label);
    this.setShown(all.every((l) => next.includes(l)) ? null : next);
  }

  /** null: show every class (the model is dropped from the map) */
  private setShown(labels: string[] | null): void {
    const shownLabels = { ...this.settings.shownLabels };
    if (labels === null) delete shownLabels[this.modelId];
    else shownLabels[this.modelId] = labels;
    this.fire({ shownLabels });
  }

  private close(): void {
    fire(this, 'settings-close');
  }

  private fire(patch: SettingsPatch): void {
    fire(this, 'settings-change', patch);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-panel': SettingsPanel;
  }
}
