// The import sheet as the app shows it: the model-import panel bound to the user-models
// controller (inspect picked files, save, delete). A render helper of the app's shadow root;
// what a saved or deleted model means for the running one goes back to the app.
import { html } from 'lit';
import type { UserModelConfig } from '../../storage/user-models/store';
import type { UserModelsController } from './user-models-controller';
// <model-import> itself loads when the sheet first opens (src/app/ssd-app.ts, sheets' load)

export interface ImportSheetInput {
  save: (config: UserModelConfig) => void;
  remove: (id: string) => void;
  close: () => void;
}

/**
 * What saving and deleting an import mean for the running model: a saved import becomes the
 * running model, like any other choice in the picker; deleting the running one goes back to
 * the default model first.
 */
export function importActions(
  u: UserModelsController,
  app: { hide: () => void; model: () => string; changeModel: (id: string) => Promise<unknown>; defaultModel: string },
): Pick<ImportSheetInput, 'save' | 'remove'> {
  return {
    save: (config) =>
      void u.save(config).then(async (summary) => {
        if (!summary) return;
        app.hide();
        await app.changeModel(summary.id);
      }),
    remove: (id) =>
      void (async () => {
        if (id === app.model()) await app.changeModel(app.defaultModel);
        await u.remove(id);
      })(),
  };
}

export function renderImportSheet(u: UserModelsController, p: ImportSheetInput) {
  return html`<model-import
    class="sheet"
    .models=${u.models}
    .pending=${u.pending}
    .error=${u.error}
    .errorDetail=${u.errorDetail}
    ?busy=${u.busy}
    .readProgress=${u.readProgress}
    .report=${u.report}
    .checkProgress=${u.checkProgress}
    @import-check=${(e: CustomEvent<{ config: UserModelConfig }>) => void u.check(e.detail.config)}
    @import-files=${(e: CustomEvent<{ files: File[] }>) => void u.inspect(e.detail.files)}
    @import-save=${(e: CustomEvent<{ config: UserModelConfig }>) => p.save(e.detail.config)}
    @import-cancel=${() => u.cancel()}
    @import-delete=${(e: CustomEvent<{ id: string }>) => p.remove(e.detail.id)}
    @import-close=${() => {
      u.cancel();
      p.close();
    }}
  ></model-import>`;
}
