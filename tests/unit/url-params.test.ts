import { describe, expect, it } from 'vitest';
import { parseUrlParams, withParams } from '../../src/app/url-params';

const defaults = { modelIds: ['ssd-mobilenet-v1-face', 'ssd-vgg16'], defaultModelId: 'ssd-mobilenet-v1-face' };

describe('parseUrlParams', () => {
  it('reads a bench plan and reports what it leaves out', () => {
    const { params, problems } = parseUrlParams('?bench=ssd-mobilenet-v1-face,nope&backends=wasm,WEBGL,foo&frames=5', defaults);
    expect(params.bench).toEqual({ models: ['ssd-mobilenet-v1-face'], backends: ['wasm', 'webgl'], frames: 5 });
    expect(problems.map((p) => `${p.param}=${p.value}`)).toEqual(['bench=nope', 'backends=foo']);
    expect(parseUrlParams('?bench=ssd-mobilenet-v1-face', defaults).params.bench).toEqual({ models: ['ssd-mobilenet-v1-face'], backends: ['auto'], frames: 20 });
  });

  it('uses the defaults for an empty query', () => {
    expect(parseUrlParams('', defaults)).toEqual({
      params: { model: 'ssd-mobilenet-v1-face', backend: 'auto', camera: 'user', autostart: false, debug: false, bench: null },
      problems: [],
    });
  });

  it('reads every parameter', () => {
    const { params, problems } = parseUrlParams('?model=ssd-vgg16&backend=wasm&camera=environment&autostart=1&debug=1', defaults);
    expect(params).toEqual({ model: 'ssd-vgg16', backend: 'wasm', camera: 'environment', autostart: true, debug: true, bench: null });
    expect(problems).toEqual([]);
  });

  it('accepts a URLSearchParams and forgiving spellings', () => {
    const { params, problems } = parseUrlParams(new URLSearchParams('backend=WebGPU&camera=back&autostart=true'), defaults);
    expect(params.backend).toBe('webgpu');
    expect(params.camera).toBe('environment');
    expect(params.autostart).toBe(true);
    expect(problems).toEqual([]);
    expect(parseUrlParams('?camera=front', defaults).params.camera).toBe('user');
    expect(parseUrlParams('?autostart', defaults).params.autostart).toBe(true);
    expect(parseUrlParams('?autostart=0', defaults).params.autostart).toBe(false);
  });

  it('falls back and reports each invalid value', () => {
    const { params, problems } = parseUrlParams('?model=yolo&backend=foo&camera=constructor&autostart=maybe', defaults);
    expect(params).toEqual({ model: 'ssd-mobilenet-v1-face', backend: 'auto', camera: 'user', autostart: false, debug: false, bench: null });
    expect(problems).toEqual([
      { param: 'model', value: 'yolo', used: 'ssd-mobilenet-v1-face' },
      { param: 'backend', value: 'foo', used: 'auto' },
      { param: 'camera', value: 'constructor', used: 'user' },
      { param: 'autostart', value: 'maybe', used: '0' },
    ]);
  });

  it('matches model ids exactly', () => {
    expect(parseUrlParams('?model=SSD-VGG16', defaults).problems).toHaveLength(1);
  });

  it('honours a different default camera', () => {
    expect(parseUrlParams('', { ...defaults, defaultCamera: 'environment' }).params.camera).toBe('environment');
  });
});

describe('withParams', () => {
  it('sets the changed keys and keeps the rest of the query', () => {
    const out = new URL(withParams('https://x.test/app/?bench=a,b&backend=wasm#top', { backend: 'webgl', camera: 'environment' }));
    expect(out.pathname).toBe('/app/');
    expect(out.hash).toBe('#top');
    expect(out.searchParams.get('bench')).toBe('a,b');
    expect(out.searchParams.get('backend')).toBe('webgl');
    expect(out.searchParams.get('camera')).toBe('environment');
  });
});
