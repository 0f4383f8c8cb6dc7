// The model info sheet as the app shows it: the picked model's card (model-info.ts, loaded
// when first opened). A render helper of the app's shadow root.
import { html, nothing } from 'lit';
import type { ModelSummary } from '../../shared/protocol';

export function renderModelInfoSheet(model: ModelSummary | undefined, close: () => void) {
  if (!model) return nothing;
  return html`<model-info class="sheet" .model=${model} @model-info-close=${close}></model-info>`;
}
