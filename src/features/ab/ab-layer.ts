// The A/B layer as the app shows it: two panes over the live camera, the running model against
// a second one (the default model, or the face model when the default runs). A render helper
// of the app's shadow root; closing goes back to the app, which resumes the live loop.
import { html } from 'lit';
import { DEFAULT_MODEL_ID } from '../../shared/model-catalog';
import type { BackendRequest, ModelSummary } from '../../shared/protocol';
import type { engineThresholds } from '../settings/settings';
import './ab-view';

export interface AbLayerInput {
  stream: MediaStream | null;
  models: readonly ModelSummary[];
  backend: BackendRequest;
  /** the model running live: the first pane */
  model: string;
  thresholdsFor: (modelId: string) => ReturnType<typeof engineThresholds>;
  mirrored: boolean;
  close: () => void;
}

export function renderAbLayer(p: AbLayerInput) {
  return html`<ab-view
    .stream=${p.stream}
    .models=${p.models}
    .backend=${p.backend}
    .thresholdsFor=${p.thresholdsFor}
    ?mirrored=${p.mirrored}
    first=${p.model}
    second=${p.model === DEFAULT_MODEL_ID ? 'ssd-mobilenet-v1-face' : DEFAULT_MODEL_ID}
    @ab-close=${p.close}
  ></ab-view>`;
}
