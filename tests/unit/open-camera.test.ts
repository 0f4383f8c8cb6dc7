import { describe, expect, it, vi } from 'vitest';
import { CameraError, openCamera, toCameraError } from '../../src/camera/open-camera';

const fakeStream = { id: 'fake' } as unknown as MediaStream;
const fail = (name: string) => new DOMException(`${name} from the fake`, name);

describe('toCameraError', () => {
  it.each([
    ['NotAllowedError', 'camera-denied'],
    ['SecurityError', 'camera-denied'],
    ['NotFoundError', 'camera-not-found'],
    ['OverconstrainedError', 'camera-not-found'],
    ['NotReadableError', 'camera-busy'],
    ['AbortError', 'camera-busy'],
    ['SomethingNewError', 'camera-busy'],
  ])('%s -> %s', (name, kind) => {
    const e = toCameraError(fail(name));
    expect(e).toBeInstanceOf(CameraError);
    expect(e.kind).toBe(kind);
    expect(e.detail).toContain(name);
    expect(e.message).toMatch(/Retry|HTTPS/);
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

  it('reports camera-not-found when the relaxed retry is overconstrained too', async () => {
    const getUserMedia = vi.fn().mockRejectedValue(fail('OverconstrainedError'));
    await expect(openCamera({ facingMode: 'user' }, { isSecureContext: true, mediaDevices: { getUserMedia } })).rejects.toMatchObject({
      kind: 'camera-not-found',
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
