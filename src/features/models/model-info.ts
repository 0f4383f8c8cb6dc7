// Everything we know about one model, the sheet the picker's `i` button opens: what it is,
// what it costs, where it comes from and under which license. A sheet like the others (focus,
// Close, Escape, one at a time); long origins and author names wrap inside the screen.
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ModelSummary } from '../../shared/protocol';
import { formatBytes, formatCount } from '../../i18n/format';
import { messages } from '../../i18n/messages';
import { LocalizedElement } from '../../ui/localized-element';
import { touchTargets } from '../../ui/styles';
import { fire } from '../../ui/events';
import '../../ui/sheet';
import { modelName } from '../../i18n/labels';
import './compat-report-view';

@customElement('model-info')
export class ModelInfo extends LocalizedElement {
  static override styles = [
    touchTargets,
    css`
    :host {
      display: block;
      font: 13px/1.45 system-ui, sans-serif;
      color: var(--ssd-text-sheet);
    }
    ssd-sheet {
      max-height: min(70vh, 34rem);
    }
    dl {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr);
      gap: 2px 10px;
      margin: 6px 0 0;
    }
    dt {
      color: var(--ssd-text-muted);
    }
    dd,
    p {
      margin: 0;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .warn {
      color: var(--ssd-warn);
    }
    a {
      color: var(--ssd-accent);
    }
  `,
  ];

  @property({ attribute: false }) model: ModelSummary | null = null;

  override render() {
    const m = this.model;
    if (!m) return nothing;
    const t = messages.modelInfo;
    return html`<ssd-sheet heading=${modelName(m)} close-label=${t.close} close-testid="model-info-close" @sheet-close=${() => fire(this, 'model-info-close')}>
      ${m.trained ? nothing : html`<p class="warn" data-testid="speed-only-note">${t.speedOnlyNote}</p>`}
      ${m.needsNetwork ? html`<p class="warn">${t.needsNetworkNote}</p>` : nothing}
      ${m.description ? html`<p>${m.description}</p>` : nothing}
      <dl>
        <dt>${t.backbone}</dt><dd>${m.backbone} (${m.family})</dd>
        <dt>${t.input}</dt><dd>${m.inputSize}×${m.inputSize} ${messages.units.px}</dd>
        <dt>${t.classes}</dt><dd>${m.classes > 0 ? m.classes : t.none}</dd>
        <dt>${t.params}</dt><dd data-testid="params">${formatCount(m.params)}</dd>
        <dt>${t.multAdds}</dt><dd data-testid="mult-adds">${m.multAdds === null ? t.unknown : t.perFrame(formatCount(m.multAdds))}</dd>
        <dt>${t.download}</dt><dd>${m.downloadBytes === null ? (m.needsNetwork ? t.sizeOnDownload : t.builtIn) : formatBytes(m.downloadBytes)}</dd>
        <dt>${t.network}</dt><dd>${m.needsNetwork ? t.networkOnce : t.bundled}</dd>
        <dt>${t.origin}</dt><dd>${m.origin}</dd>
        <dt>${t.license}</dt><dd>${m.licenseUrl ? html`<a href=${m.licenseUrl} target="_blank" rel="noopener">${m.license}</a>` : m.license}</dd>
      </dl>
      ${m.compat ? html`<compat-report-view data-testid="model-compat" .report=${m.compat}></compat-report-view>` : nothing}
    </ssd-sheet>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'model-info': ModelInfo;
  }
}
