import { afterEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../../../src/i18n/messages';
import { CameraError, openCamera, toCameraError, type CameraErrorKind } from '../../../src/camera/open-camera';

const fakeStream = { id: 'fake' } as unknown as MediaStream;
const fail = (name: string) => new DOMException(`${name} from the fake`, name);

describe('toCameraError', () => {
  it.each([
    ['NotAllowedError', 'camera-denied'],
    ['SecurityError', 'camera-blocked'],
    ['NotFoundError', 'camera-not-found'],
    ['OverconstrainedError', 'camera-overconstrained'],
    ['NotReadableError', 'camera-busy'],
    ['AbortError', 'camera-aborted'],
    ['TypeError', 'camera-unsupported'],
    ['SomethingNewError', 'camera-busy'],
  ])('%s -> %s', (name, kind) => {
    const e = toCameraError(fail(name));
    expect(e).toBeInstanceOf(CameraError);
    expect(e.kind).toBe(kind);
    expect(e.detail).toContain(name);
    // the UI's words for the kind (src/app/i18n), with a way forward
    expect(messages.camera[e.kind]).toMatch(/Retry|HTTPS|tab/);
  });

  it('gives every kind its own message', () => {
    const kinds = Object.keys(messages.camera) as CameraErrorKind[];
    const texts = kinds.map((k) => messages.camera[k]);
    expect(new Set(texts).size).toBe(kinds.length);
  });

  it('names the constraint nothing could satisfy', () => {
    const err = Object.assign(fail('OverconstrainedError'), { constraint: 'facingMode' });
    expect(toCameraError(err).detail).toContain('facingMode');
  });
});

describe('openCamera timeout (a permission prompt nobody answers)', () => {
  afterEach(() => vi.useRealTimers());

  it('rejects with camera-timeout, and stops a stream that arrives later', async () => {
    vi.useFakeTimers();
    let answer!: (s: MediaStream) => void;
    const stop = vi.fn();
    const late = { getTracks: () => [{ stop }] } as unknown as MediaStream;
    const getUserMedia = vi.fn(() => new Promise<MediaStream>((r) => (answer = r)));
    const opening = openCamera({ facingMode: 'user', timeoutMs: 1000 }, { isSecureContext: true, mediaDevices: { getUserMedia } });
    const settled = expect(opening).rejects.toMatchObject({ kind: 'camera-timeout' });
    await vi.advanceTimersByTimeAsync(1001);
    await settled;
    answer(late);
    await vi.advanceTimersByTimeAsync(0);
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('does not fire once the camera answered', async () => {
    vi.useFakeTimers();
    const getUserMedia = vi.fn().mockResolvedValue(fakeStream);
    const opening = openCamera({ facingMode: 'user', timeoutMs: 1000 }, { isSecureContext: true, mediaDevices: { getUserMedia } });
    await expect(opening).resolves.toBe(fakeStream);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('openCamera', () => {
  it('asks for ideal 640x480 and the facing mode, without audio', async () => {
    const getUserMedia = vi.fn().mockResolvedValue(fakeStream);
    const stream = await openCamera({ facingMode: 'environment' }, { isSecureContext: true, mediaDevices: { getUserMedia } });
    expect(stream).toBe(fakeStream);
    expect(getUserMedia).toHaveBeenCalledWith({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 640 }, height: { ideal: 480 } },
    });
  });

  it('retries once with relaxed constraints on OverconstrainedError', async () => {
    const getUserMedia = vi.fn().mockRejectedValueOnce(fail('OverconstrainedError')).mockResolvedValueOnce(fakeStream);
    await expect(openCamera({ facingMode: 'user' }, { isSecureContext: true, mediaDevices: { getUserMedia } })).resolves.toBe(fakeStream);
    expect(getUserMedia).toHaveBeenCalledTimes(2);
    expect(getUserMedia).toHaveBeenLastCalledWith({ audio: false, video: true });
  });

  it('reports camera-overconstrained when the relaxed retry is overconstrained too', async () => {
    const getUserMedia = vi.fn().mockRejectedValue(fail('OverconstrainedError'));
    await expect(openCamera({ facingMode: 'user' }, { isSecureContext: true, mediaDevices: { getUserMedia } })).rejects.toMatchObject({
      kind: 'camera-overconstrained',
    });
    expect(getUserMedia).toHaveBeenCalledTimes(2);
  });

  it('does not retry other failures', async () => {
    const getUserMedia = vi.fn().mockRejectedValue(fail('NotAllowedError'));
    await expect(openCamera({ facingMode: 'user' }, { isSecureContext: true, mediaDevices: { getUserMedia } })).rejects.toMatchObject({
      kind: 'camera-denied',
    });
    expect(getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('is unsupported without mediaDevices or outside a secure context', async () => {
    await expect(openCamera({ facingMode: 'user' }, { isSecureContext: true })).rejects.toMatchObject({ kind: 'camera-unsupported' });
    const getUserMedia = vi.fn();
    await expect(openCamera({ facingMode: 'user' }, { isSecureContext: false, mediaDevices: { getUserMedia } })).rejects.toMatchObject({
      kind: 'camera-unsupported',
    });
    expect(getUserMedia).not.toHaveBeenCalled();
  });
});
