import { describe, expect, it } from 'vitest';
import { parseUrlParams, withParams } from '../../../src/automation/url-params';

const defaults = { modelIds: ['ssd-mobilenet-v1-face', 'ssd-vgg16'], defaultModelId: 'ssd-mobilenet-v1-face' };

describe('parseUrlParams', () => {
  it('reads a bench plan and reports what it leaves out', () => {
    const { params, problems } = parseUrlParams('?bench=ssd-mobilenet-v1-face,nope&backends=wasm,WEBGL,foo&frames=5', defaults);
    expect(params.bench).toEqual({ models: ['ssd-mobilenet-v1-face'], backends: ['wasm', 'webgl'], frames: 5 });
    expect(problems.map((p) => `${p.param}=${p.value}`)).toEqual(['bench=nope', 'backends=foo']);
    expect(parseUrlParams('?bench=ssd-mobilenet-v1-face', defaults).params.bench).toEqual({ models: ['ssd-mobilenet-v1-face'], backends: ['auto'], frames: 20 });
  });

  it('takes imported model ids in bench= and eval= where the app says they are its own kind', () => {
    const withImported = { ...defaults, isImportedId: (id: string) => id.startsWith('user-') };
    const bench = parseUrlParams('?bench=user-abc,ssd-vgg16,nope&backends=wasm', withImported);
    expect(bench.params.bench?.models).toEqual(['user-abc', 'ssd-vgg16']);
    expect(bench.problems.map((p) => `${p.param}=${p.value}`)).toEqual(['bench=nope']);
    expect(parseUrlParams('?eval=user-abc&dataset=/d/', withImported).params.eval?.models).toEqual(['user-abc']);
    // without the check, an imported id is as unknown as any other
    expect(parseUrlParams('?bench=user-abc', defaults).params.bench).toBeNull();
  });

  it('reads an evaluation plan: models, backends, a same-origin dataset folder and a limit', () => {
    const { params, problems } = parseUrlParams('?eval=ssd-mobilenet-v1-face,nope&backends=wasm,CPU,foo&dataset=/__dataset&limit=16', defaults);
    expect(params.eval).toEqual({ models: ['ssd-mobilenet-v1-face'], backends: ['wasm', 'cpu'], dataset: '/__dataset/', limit: 16 });
    expect(problems.map((p) => `${p.param}=${p.value}`)).toEqual(['eval=nope', 'backends=foo']);
    expect(parseUrlParams('?eval=ssd-mobilenet-v1-face&dataset=sets/faces/', defaults).params.eval).toEqual({
      models: ['ssd-mobilenet-v1-face'],
      backends: ['auto'],
      dataset: 'sets/faces/',
      limit: null,
    });
  });

  it('refuses an evaluation dataset on another origin, or none, and a bad limit', () => {
    for (const dataset of ['https://evil.test/set/', '//evil.test/set/', '/\\evil.test/set/', 'javascript:alert(1)', '']) {
      const { params, problems } = parseUrlParams(`?eval=ssd-mobilenet-v1-face&dataset=${encodeURIComponent(dataset)}`, defaults);
      expect(params.eval, dataset).toBeNull();
      expect(problems.map((p) => p.param)).toEqual(['dataset']);
    }
    expect(parseUrlParams('?eval=ssd-mobilenet-v1-face', defaults).params.eval).toBeNull();
    const { params, problems } = parseUrlParams('?eval=ssd-mobilenet-v1-face&dataset=/d/&limit=0', defaults);
    expect(params.eval?.limit).toBeNull();
    expect(problems).toEqual([{ param: 'limit', value: '0', used: 'all images' }]);
  });

  it('uses the defaults for an empty query', () => {
    expect(parseUrlParams('', defaults)).toEqual({
      params: { model: 'ssd-mobilenet-v1-face', backend: 'auto', camera: 'user', autostart: false, debug: false, track: false, line: null, bench: null, eval: null },
      problems: [],
    });
  });

  it('reads every parameter', () => {
    const { params, problems } = parseUrlParams('?model=ssd-vgg16&backend=wasm&camera=environment&autostart=1&debug=1&track=1&line=0.5,0.1,0.5,0.9', defaults);
    expect(params).toEqual({
      model: 'ssd-vgg16', backend: 'wasm', camera: 'environment', autostart: true, debug: true, track: true,
      line: { x1: 0.5, y1: 0.1, x2: 0.5, y2: 0.9 }, bench: null, eval: null,
    });
    // a line alone turns tracking on
    expect(parseUrlParams('?line=0,0.5,1,0.5', defaults).params.track).toBe(true);
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
    const { params, problems } = parseUrlParams('?model=yolo&backend=foo&camera=constructor&autostart=maybe&track=sometimes&line=0.5,0.5,0.5,0.5', defaults);
    expect(params).toEqual({ model: 'ssd-mobilenet-v1-face', backend: 'auto', camera: 'user', autostart: false, debug: false, track: false, line: null, bench: null, eval: null });
    expect(problems).toEqual([
      { param: 'model', value: 'yolo', used: 'ssd-mobilenet-v1-face' },
      { param: 'backend', value: 'foo', used: 'auto' },
      { param: 'camera', value: 'constructor', used: 'user' },
      { param: 'autostart', value: 'maybe', used: '0' },
      { param: 'track', value: 'sometimes', used: '0' },
      { param: 'line', value: '0.5,0.5,0.5,0.5', used: 'none' },
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
