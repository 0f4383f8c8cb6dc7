// Model files on the command line (`npm run bench -- --models path/to/weights.h5,yolo/model.json`,
// the same for `npm run eval`): each is imported through the app's own import panel, in the
// browser context the run then uses, exactly as a user would pick the files, and the run
// refers to it by the id the app gave it. The panel's form is filled from the model card, a
// JSON file beside the model (README, "Model files on the command line"); without one, the
// panel's own proposal (the layout it detected, the preset it chose) is kept.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** What each kind of card may hold (every field optional). */
const CARD_FIELDS = {
  graph: ['name', 'layout', 'outputs', 'background', 'inputSize', 'pixelRange', 'resize', 'dtype', 'labels'],
  keras: ['name', 'preset', 'params', 'labels'],
};
const LABEL_SETS = { graph: ['coco80', 'coco90', 'custom'], keras: ['voc20', 'coco80', 'custom'] };

export class ModelFileError extends Error {}

/** A --models entry that names a file rather than a bundled model id. */
export function isModelPath(entry) {
  return /[\\/]/.test(entry) || /\.(h5|hdf5|json)$/i.test(entry);
}

/**
 * The files the panel is given for `entry` and its card: an `.h5` alone; a `model.json` with
 * the weight files its manifest names (graph or layers model). The card is `<name>.card.json`
 * beside the file, else `card.json` in its folder, else none.
 */
export function modelFileSpec(entry, resolvePath = (p) => resolve(p)) {
  const path = resolvePath(entry);
  if (!existsSync(path)) throw new ModelFileError(`${entry}: no such file`);
  const dir = dirname(path);
  const files = [path];
  let kind;
  if (/\.(h5|hdf5)$/i.test(path)) kind = 'keras';
  else if (/\.json$/i.test(path)) {
    let json;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ModelFileError(`${entry}: not JSON (${error.message})`);
    }
    if (!Array.isArray(json.weightsManifest)) throw new ModelFileError(`${entry}: not a TF.js model.json (no weightsManifest)`);
    for (const group of json.weightsManifest) {
      for (const p of group.paths ?? []) {
        const shard = join(dir, p);
        if (!existsSync(shard)) throw new ModelFileError(`${entry}: its weight file ${p} is not beside it`);
        files.push(shard);
      }
    }
    // a layers model of ssd_keras goes to the same form as an .h5
    kind = json.format === 'layers-model' || json.modelTopology?.class_name || json.modelTopology?.model_config ? 'keras' : 'graph';
  } else throw new ModelFileError(`${entry}: give an .h5 file or a model.json`);
  const stem = basename(path).replace(/\.(h5|hdf5|json)$/i, '');
  const cardPath = [join(dir, `${stem}.card.json`), join(dir, 'card.json')].find((p) => existsSync(p)) ?? null;
  const card = cardPath ? readCard(cardPath, kind) : null;
  return { entry, path, files, kind, card, cardPath };
}

function readCard(cardPath, kind) {
  let card;
  try {
    card = JSON.parse(readFileSync(cardPath, 'utf8'));
  } catch (error) {
    throw new ModelFileError(`${cardPath}: not JSON (${error.message})`);
  }
  if (!card || typeof card !== 'object' || Array.isArray(card)) throw new ModelFileError(`${cardPath}: a card is a JSON object`);
  const unknown = Object.keys(card).filter((k) => !CARD_FIELDS[kind].includes(k));
  if (unknown.length) throw new ModelFileError(`${cardPath}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} for a ${kind === 'keras' ? 'Keras (ssd_keras)' : 'graph'} model; known: ${CARD_FIELDS[kind].join(', ')}`);
  const labels = card.labels;
  if (labels !== undefined && !(Array.isArray(labels) && labels.every((l) => typeof l === 'string')) && !LABEL_SETS[kind].slice(0, -1).includes(labels)) {
    throw new ModelFileError(`${cardPath}: labels must be ${LABEL_SETS[kind].slice(0, -1).join(' or ')}, or a list of names (one per class id)`);
  }
  if (card.outputs !== undefined && !(Array.isArray(card.outputs) && card.outputs.every((o) => typeof o === 'string'))) {
    throw new ModelFileError(`${cardPath}: outputs must be a list of output names`);
  }
  if (card.params !== undefined && (typeof card.params !== 'object' || Array.isArray(card.params))) {
    throw new ModelFileError(`${cardPath}: params must be an object (ssd_keras's settings, as the form shows them)`);
  }
  return card;
}

/**
 * Imports `spec` through the app's panel in `context` (a page of its own, closed after) and
 * returns the id the app stored it under and the name it has. Any refusal by the panel (a file
 * it cannot read, a card that does not fit the weights) is thrown with the panel's own words.
 */
export async function importModelFile(context, origin, spec, log = []) {
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.push(`[import ${basename(spec.path)}] ${msg.text()}`);
  });
  try {
    await page.goto(`${origin}/`);
    await page.locator('[data-testid="import-button"]').click();
    const panel = page.locator('model-import');
    const before = await panel.locator('[data-model-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-model-id')));
    await panel.locator('[data-testid="import-files"]').setInputFiles(spec.files);
    const form = panel.locator('[data-testid="import-form"]');
    const error = panel.locator('[data-testid="import-error"]');
    await form.or(error).first().waitFor({ timeout: 120_000 });
    if (await error.isVisible()) throw new ModelFileError(`${spec.entry}: ${await error.textContent()}`);
    const card = spec.card ?? {};
    if (card.name !== undefined) await form.locator('#name').fill(String(card.name));
    if (spec.kind === 'keras') {
      if (card.preset !== undefined) await form.locator('#preset').selectOption(String(card.preset));
      if (card.params !== undefined) {
        // the card's settings over what the panel proposed (the preset, or the file's own)
        const proposed = JSON.parse(await form.locator('#params').inputValue());
        await form.locator('#params').fill(JSON.stringify({ ...proposed, ...card.params }));
      }
    } else {
      if (card.layout !== undefined) await form.locator('#adapter').selectOption(String(card.layout));
      if (card.outputs !== undefined) await form.locator('#outputs').fill(card.outputs.join(', '));
      if (card.background !== undefined) await form.locator('input[name="background"]').setChecked(Boolean(card.background));
      if (card.inputSize !== undefined) await form.locator('#inputSize').fill(String(card.inputSize));
      for (const field of ['pixelRange', 'resize', 'dtype']) {
        if (card[field] !== undefined) await form.locator(`#${field}`).selectOption(String(card[field]));
      }
    }
    if (card.labels !== undefined) {
      await form.locator('#labels').selectOption(Array.isArray(card.labels) ? 'custom' : card.labels);
      if (Array.isArray(card.labels)) await form.locator('#customLabels').fill(card.labels.join('\n'));
    }
    const name = await form.locator('#name').inputValue();
    await form.locator('[data-testid="import-save"]').click();
    const problem = panel.locator('[data-testid="keras-form-problem"], [data-testid="import-error"]');
    const added = panel.locator('[data-model-id]');
    const deadline = Date.now() + 120_000;
    for (;;) {
      // a saved model closes the sheet (the app switches to it): open it again to read the list
      if (!(await panel.locator('[data-testid="import-files"]').isVisible().catch(() => false))) {
        if (await page.locator('[data-testid="import-button"]').isEnabled().catch(() => false)) await page.locator('[data-testid="import-button"]').click();
      }
      const ids = await added.evaluateAll((els) => els.map((e) => e.getAttribute('data-model-id')));
      const fresh = ids.filter((id) => !before.includes(id));
      if (fresh.length) return { id: fresh[0], name };
      if (await problem.first().isVisible().catch(() => false)) throw new ModelFileError(`${spec.entry}: ${(await problem.first().textContent())?.trim()}`);
      if (Date.now() > deadline) throw new ModelFileError(`${spec.entry}: the import panel did not save it within 120 s`);
      await page.waitForTimeout(200);
    }
  } finally {
    await page.close().catch(() => {});
  }
}
