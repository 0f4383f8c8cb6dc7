// Security and privacy on the production build: the Content-Security-Policy is in the page
// (<meta>) and in the server's header (which is what reaches the worker), a normal session
// (panels included) breaks none of it although it allows no inline style but the first-paint
// one and no data: image, and every request of the session goes to our own origin, with no
// body at all: no frame, no image byte, leaves the device.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Request } from '@playwright/test';
import { BASE_URL, DIST, faceUrl, launchBrowser, waitForEvent } from './browser';

/** Init script: every securitypolicyviolation the document sees. */
function violationScript() {
  const w = window as any;
  w.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    w.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber });
  });
}

test('a normal session: CSP in place and unbroken, every request same-origin and bodiless', async () => {
  test.setTimeout(180_000);
  const browser = await launchBrowser({ camera: 'file' });
  try {
    await browser.context.addInitScript(violationScript);
    const requests: Array<{ url: string; method: string; body: number }> = [];
    browser.context.on('request', (r: Request) => {
      requests.push({ url: r.url(), method: r.method(), body: r.postDataBuffer()?.length ?? 0 });
    });
    const sockets: string[] = [];
    browser.context.on('page', (p) => p.on('websocket', (ws) => sockets.push(ws.url())));

    const page = await browser.open(faceUrl('wasm'));
    const response = await page.request.get(BASE_URL + '/');
    const header = response.headers()['content-security-policy'];
    const ready = await waitForEvent(page, 'ssd:ready', () => true, 90_000);
    await waitForEvent(page, 'ssd:detections', (_, i) => i >= 19, 90_000);
    // the panels too: every component's styles apply without 'unsafe-inline'
    for (const [open, close] of [
      ['[data-testid="settings-button"]', 'settings-panel [data-testid="settings-close"]'],
      ['[data-testid="storage-open"]', 'storage-panel [data-testid="storage-close"]'],
    ]) {
      await page.locator(open).click();
      await page.locator(close).click();
    }

    // the policy: the same text in the header and in the page, and what it allows
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(header, 'Content-Security-Policy header of the preview server').toBeTruthy();
    expect(meta, '<meta http-equiv="Content-Security-Policy"> in the page').toBe(header);
    expect(readFileSync(join(DIST, 'index.html'), 'utf8')).toContain('http-equiv="Content-Security-Policy"');
    const directives = Object.fromEntries(header!.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
    // model downloads: the catalogue's folder of the model bucket, not the whole host
    expect(directives['connect-src']).toEqual(["'self'", 'https://storage.googleapis.com/tfjs-models/']);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['img-src']).toEqual(["'self'"]);
    // inline styles by hash only (index.html's first paint); Lit's styles are constructed sheets
    expect(directives['style-src'][0]).toBe("'self'");
    expect(directives['style-src']).not.toContain("'unsafe-inline'");
    expect(directives['style-src'].slice(1).every((v) => v.startsWith("'sha256-"))).toBe(true);

    // nothing the app did was refused, in the page or (console) in its workers
    expect(await page.evaluate(() => (window as any).__cspViolations), 'securitypolicyviolation events').toEqual([]);
    expect([...browser.consoleErrors, ...browser.pageErrors].filter((m) => /Content.Security.Policy/i.test(m))).toEqual([]);

    // every request: our origin, GET, no body; the worker's own fetches are among them
    const origin = new URL(BASE_URL).origin;
    const foreign = requests.filter((r) => !/^(data|blob):/.test(r.url) && new URL(r.url).origin !== origin);
    console.log(
      `[security] ${requests.length} requests: ` +
        [...new Set(requests.map((r) => `${r.method} ${r.url.replace(origin, '').replace(/^blob:.*/, 'blob:(pthread worker)')}`))].join(', '),
    );
    expect(foreign.map((r) => r.url), 'requests to another origin').toEqual([]);
    expect(requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`)).toEqual([]);
    expect(requests.filter((r) => r.body > 0).map((r) => `${r.url} (${r.body} bytes)`), 'requests with a body').toEqual([]);
    expect(requests.some((r) => r.url.includes('/models/ssd-mobilenet-v1-face/') && r.url.endsWith('.bin')), 'the weights fetch is seen').toBe(true);
    expect(sockets).toEqual([]);
    // why worker-src keeps blob:: the threaded WASM backend starts its pthread workers from
    // blob: URLs (emscripten's worker script); without it they are refused and WASM runs on
    // one thread
    const pthreadWorkers = requests.filter((r) => r.url.startsWith('blob:')).length;
    console.log(`[security] WASM threads ${ready.wasm?.threads}; blob: worker scripts ${pthreadWorkers}`);
    if ((ready.wasm?.threads ?? 1) > 1) expect(pthreadWorkers, 'pthread workers started from blob: URLs').toBeGreaterThan(0);

    // and the policy really is enforced, in the page and in the worker (which only the header
    // reaches): a fetch elsewhere is refused before any request is made, and an injected
    // inline script does not run
    const pageFetch = await page.evaluate(() => fetch('https://example.com/frame.jpg', { method: 'POST', body: 'x' }).then(() => 'sent', (e) => String(e)));
    expect(pageFetch).not.toBe('sent');
    await expect.poll(() => page.evaluate(() => (window as any).__cspViolations.map((v: any) => v.directive))).toContain('connect-src');
    // the model host outside the catalogue's folder is refused as well
    const violationsBefore = await page.evaluate(() => (window as any).__cspViolations.length);
    const otherBucket = await page.evaluate(() => fetch('https://storage.googleapis.com/another-bucket/model.json').then(() => 'sent', (e) => String(e)));
    expect(otherBucket).not.toBe('sent');
    const refused = () => page.evaluate((n) => (window as any).__cspViolations.slice(n).map((v: any) => `${v.directive} ${v.blocked}`), violationsBefore);
    await expect.poll(refused).toContain('connect-src https://storage.googleapis.com/another-bucket/model.json');
    // (Chromium may report the one refusal more than once; nothing else was refused)
    expect(new Set(await refused())).toEqual(new Set(['connect-src https://storage.googleapis.com/another-bucket/model.json']));
    const detector = page.workers().find((w) => w.url().includes('detector.worker'));
    expect(detector, 'the detection worker').toBeTruthy();
    const inWorker = await detector!.evaluate(async () => {
      const seen: string[] = [];
      self.addEventListener('securitypolicyviolation', (e) => seen.push((e as SecurityPolicyViolationEvent).effectiveDirective));
      const outcome = await fetch('https://example.com/frame.jpg').then(() => 'sent', (e) => String(e));
      await new Promise((r) => setTimeout(r, 200));
      return { outcome, seen };
    });
    expect(inWorker.outcome, 'a fetch elsewhere from the worker').not.toBe('sent');
    expect(inWorker.seen, 'violations in the worker').toContain('connect-src');
    expect(requests.filter((r) => r.url.includes('example.com') || r.url.includes('another-bucket')), 'refused fetches never reach the network').toEqual([]);
    const inlineRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return (window as any).__inlineRan === true;
    });
    expect(inlineRan, 'an injected inline script ran').toBe(false);
  } finally {
    await browser.close();
  }
});
