// What a Chromium-driving script (`npm run bench`, `npm run eval -- --dataset`) sets up before
// its first page, the same way for both: a hard stop at the time limit, Chromium present, dist/
// built from the current sources, the static server up for the run (closing itself a minute
// after the limit), one browser launch per backend, and on Ctrl-C the browser and the server
// closed before the exit.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_PATH, ensureBuild, launchChromium } from './chromium.mjs';
import { cleanupOnInterrupt, hardStop } from './cli.mjs';
import { startStaticServer } from './static-server.mjs';

/**
 * @param {{ root: string, label: string, timeoutS: number,
 *   serve?: Omit<import('./static-server.d.mts').StaticServerOptions, 'root' | 'lifetimeMs' | 'label'> }} opts
 *   serve: what the server adds to dist/ (routes, texts, mounts)
 */
export async function startChromiumRun({ root, label, timeoutS, serve = {} }) {
  hardStop(label, timeoutS);
  if (!existsSync(CHROME_PATH)) throw new Error(`no Chromium at ${CHROME_PATH}: install Debian's chromium or set CHROME_PATH`);
  const built = ensureBuild(root, label);
  const server = await startStaticServer({ ...serve, root: join(root, 'dist'), lifetimeMs: timeoutS * 1000 + 60_000, label });
  let browser = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    await server.close();
  };
  cleanupOnInterrupt(close);
  return {
    /** whether dist/ was (re)built for this run */
    built,
    origin: server.origin,
    /** the version of the last browser launched, for the report ('' before the first) */
    browserVersion: '',
    /** A browser for runs on `backend`; the one before it is closed first. */
    async launch(backend) {
      await browser?.close().catch(() => {});
      browser = await launchChromium(backend);
      this.browserVersion = browser.version();
      return browser;
    },
    close,
  };
}
