// The settings sheet as the app shows it: the settings panel for the model that runs (its
// labels and measured threshold), bound to the settings controller. A render helper of the
// app's shadow root; what a change does beyond storing it goes back to the app.
import { html } from 'lit';
import type { ModelSummary } from '../../shared/protocol';
import type { Settings } from './settings';
import type { SettingsController } from './settings-controller';
import './settings-panel';

export function renderSettingsSheet(
  s: SettingsController,
  model: ModelSummary | undefined,
  modelId: string,
  change: (patch: Partial<Settings>) => void,
  close: () => void,
  /** `?track=1`: tracking is on for this visit whatever the setting says */
  trackingFromUrl = false,
) {
  return html`<settings-panel
    class="sheet"
    .settings=${s.value}
    .modelId=${model?.id ?? modelId}
    .labels=${model?.labels ?? []}
    .measured=${model?.defaultScoreThreshold ?? null}
    ?hudOpen=${s.hudOpen}
    ?trackingFromUrl=${trackingFromUrl}
    @settings-change=${(e: CustomEvent<Partial<Settings>>) => change(e.detail)}
    @settings-close=${close}
  ></settings-panel>`;
}
