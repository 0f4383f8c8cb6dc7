// The app's own TypeScript for the Node scripts, so a script computes with the code the app
// runs instead of a copy of it: Node 20 cannot run TypeScript, so the module is bundled in
// memory with rolldown (the bundler vite already installs; about 0.1 s for a small module)
// and imported from a data: URL. Once per module and process.

const loaded = new Map();

/** The exports of the TypeScript module at `file` (an absolute path). */
export function importTs(file) {
  if (!loaded.has(file)) loaded.set(file, bundleAndImport(file));
  return loaded.get(file);
}

async function bundleAndImport(file) {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({ input: file, platform: 'node', logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'esm' });
  await bundle.close();
  return import(`data:text/javascript;base64,${Buffer.from(output[0].code).toString('base64')}`);
}
