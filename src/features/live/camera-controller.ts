// The camera as a Lit reactive controller: opens and closes the stream, switches between
// front and back, and reports failures as CameraError. The host re-renders on every change.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CameraError, closeStream, openCamera, type FacingMode } from '../../camera/open-camera';

export type CameraPhase = 'off' | 'opening' | 'on' | 'error';

export interface CameraCallbacks {
  onError?: (error: CameraError) => void;
}

export class CameraController implements ReactiveController {
  phase: CameraPhase = 'off';
  stream: MediaStream | null = null;
  error: CameraError | null = null;
  /** the facing mode asked for last. */
  facingMode: FacingMode = 'user';
  /** video inputs on this device; -1 until known (labels and counts need permission first). */
  videoInputs = -1;
  /** the resolution to ask for (ideal, not exact); the default of openCamera when null */
  size: { width: number; height: number } | null = null;

  private readonly host: ReactiveControllerHost;
  private readonly callbacks: CameraCallbacks;
  private token = 0;

  constructor(host: ReactiveControllerHost, callbacks: CameraCallbacks = {}) {
    this.host = host;
    this.callbacks = callbacks;
    host.addController(this);
  }

  /**
   * Which way the opened camera faces. The browser's own answer wins (a phone may hand out
   * another camera than asked); laptops report nothing, and their one camera faces the user.
   */
  get facing(): FacingMode {
    const reported = this.stream?.getVideoTracks()[0]?.getSettings().facingMode;
    return reported === 'user' || reported === 'environment' ? reported : this.facingMode;
  }

  /** Front cameras are shown mirrored, like a mirror, which is what people expect. */
  get mirrored(): boolean {
    return this.facing === 'user';
  }

  /**
   * Opens the camera facing `facingMode`, closing any open one first (many phones cannot hold
   * the front and back camera at once). Resolves null when it failed (see `error`) or was
   * superseded by another open() or close().
   */
  async open(facingMode: FacingMode = this.facingMode): Promise<MediaStream | null> {
    const token = ++this.token;
    this.release();
    this.facingMode = facingMode;
    this.phase = 'opening';
    this.error = null;
    this.host.requestUpdate();
    try {
      const stream = await openCamera({ facingMode, ...this.size });
      if (token !== this.token) {
        closeStream(stream);
        return null;
      }
      this.stream = stream;
      this.phase = 'on';
      for (const track of stream.getVideoTracks()) {
        track.addEventListener('ended', () => this.onTrackEnded(stream), { once: true });
      }
      this.host.requestUpdate();
      void this.countCameras(token);
      return stream;
    } catch (err) {
      if (token !== this.token) return null;
      this.fail(err instanceof CameraError ? err : new CameraError('camera-busy', String(err)));
      return null;
    }
  }

  /** Stops the tracks (the camera light goes off) and forgets any error. */
  close(): void {
    this.token++;
    this.release();
    this.phase = 'off';
    this.error = null;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.close();
  }

  private release(): void {
    closeStream(this.stream);
    this.stream = null;
  }

  private fail(error: CameraError): void {
    this.release();
    this.phase = 'error';
    this.error = error;
    this.host.requestUpdate();
    this.callbacks.onError?.(error);
  }

  // 'ended' fires when the browser ends the track (unplugged, permission revoked, taken by
  // another app), never for our own stop().
  private onTrackEnded(stream: MediaStream): void {
    if (stream !== this.stream) return;
    this.token++;
    this.fail(new CameraError('camera-ended', 'the video track ended'));
  }

  private async countCameras(token: number): Promise<void> {
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      if (token !== this.token) return;
      this.videoInputs = devices.filter((d) => d.kind === 'videoinput').length;
      this.host.requestUpdate();
    } catch {
      /* unknown count: the switch button stays offered */
    }
  }
}
