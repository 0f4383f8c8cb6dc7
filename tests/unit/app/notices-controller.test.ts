// The banners' state (src/app/notices-controller.ts): one notice per key, a repeat moves to the
// end, dismissing only re-renders when something went; the blocking failure is reported as
// `ssd:error` once and worded by kind (src/app/failure-text.ts).
import { describe, expect, it, vi } from 'vitest';
import { NoticesController } from '../../../src/app/notices-controller';
import { failureText, fallbackText } from '../../../src/app/failure-text';
import type { ErrorDetail } from '../../../src/automation/automation';
import { en } from '../../../src/i18n/en';
import type { ReadyInfo } from '../../../src/shared/protocol';

function setup() {
  const host = { addController() {}, removeController() {}, requestUpdate: vi.fn(), updateComplete: Promise.resolve(true) };
  const emitted: ErrorDetail[] = [];
  const notices = new NoticesController(host, (d) => emitted.push(d));
  return { host, notices, emitted };
}

describe('notices', () => {
  it('keeps one notice per key: a repeat replaces the old one and moves to the end', () => {
    const { notices } = setup();
    notices.add({ key: 'fallback', text: 'one' });
    notices.add({ key: 'snapshot', text: 'two' });
    notices.add({ key: 'fallback', text: 'three' });
    expect(notices.list.map((n) => [n.key, n.text])).toEqual([
      ['snapshot', 'two'],
      ['fallback', 'three'],
    ]);
  });

  it('dismisses by key, and asks for no render when there was nothing to dismiss', () => {
    const { notices, host } = setup();
    notices.add({ key: 'a', text: 'A' });
    host.requestUpdate.mockClear();
    notices.dismiss('missing');
    expect(host.requestUpdate).not.toHaveBeenCalled();
    notices.dismiss('a');
    expect(notices.list).toEqual([]);
    expect(host.requestUpdate).toHaveBeenCalledTimes(1);
  });
});

describe('the failure', () => {
  it('is emitted once as ssd:error and cleared by clearFailure', () => {
    const { notices, emitted } = setup();
    const f: ErrorDetail = { kind: 'model-missing', message: 'weights: HTTP 404' };
    notices.report(f);
    expect(emitted).toEqual([f]);
    expect(notices.failure).toBe(f);
    notices.clearFailure();
    expect(notices.failure).toBeNull();
    expect(notices.failureText).toBe('');
  });

  it('words an engine failure by kind, with its detail; a message written for people stays as it is', () => {
    const { notices } = setup();
    const f: ErrorDetail = { kind: 'model-missing', message: 'weights: HTTP 404' };
    notices.report(f);
    expect(notices.failureText).toBe(failureText(f, false));
    expect(notices.failureText).not.toBe(f.message);
    expect(notices.failureText).toContain('weights: HTTP 404');
    notices.report(f, true);
    expect(notices.failureText).toBe('weights: HTTP 404');
    // a later failure is worded again
    notices.report({ ...f });
    expect(notices.failureText).not.toBe(f.message);
  });

  it('words camera failures from the catalogue, whatever their detail', () => {
    expect(failureText({ kind: 'camera-denied', message: 'NotAllowedError' }, false)).toBe(en.camera['camera-denied']);
    expect(failureText({ kind: 'camera-denied', message: 'x' }, true)).toBe(en.camera['camera-denied']);
    expect(failureText({ kind: 'worker-crashed', message: 'boom' }, false)).toContain('boom');
  });
});

describe('fallback text', () => {
  const info = (over: Partial<ReadyInfo>) => ({ backend: 'wasm', requestedBackend: 'webgpu', ...over }) as ReadyInfo;
  it('is null when nothing fell back, and names the backend asked for otherwise', () => {
    expect(fallbackText(info({}))).toBeNull();
    const text = fallbackText(info({ fallbackReason: 'no adapter' }));
    expect(text).toContain('no adapter');
    expect(text).toContain(en.backendNames.webgpu);
    expect(fallbackText(info({ requestedBackend: 'auto', fallbackReason: 'no adapter' }))).toContain(en.backendNames.wasm);
  });
});
