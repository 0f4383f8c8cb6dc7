// The live camera picture. Fills its box (object-fit: cover); the front camera is shown
// mirrored. Fires `video-playing` with the <video> once a stream is really playing, which is
// when frames can be captured from it.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { fire } from '../../ui/events';

export interface VideoPlayingDetail {
  video: HTMLVideoElement;
}

@customElement('camera-view')
export class CameraView extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      inset: 0;
      display: block;
      overflow: hidden;
      background: var(--ssd-backdrop);
    }
    video {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    :host([mirrored]) video {
      transform: scaleX(-1);
    }
  `;

  @property({ attribute: false }) stream: MediaStream | null = null;
  /** mirror the picture (front camera). The overlay must be told the same. */
  @property({ type: Boolean, reflect: true }) mirrored = false;

  @query('video') private videoEl!: HTMLVideoElement;

  /** the <video>, for the frame pump. */
  get video(): HTMLVideoElement | null {
    return this.videoEl ?? null;
  }

  override render() {
    // muted + playsinline: what iOS needs to play inline without a tap. The property binding
    // sets `muted` for real; the attribute alone is not reflected on cloned templates.
    return html`<video
      autoplay
      muted
      playsinline
      disablepictureinpicture
      .muted=${true}
      aria-hidden="true"
      @playing=${this.onPlaying}
    ></video>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('stream')) return;
    const video = this.videoEl;
    if (video.srcObject !== this.stream) video.srcObject = this.stream;
    if (this.stream) this.play();
  }

  /** Starts playback; exposed for a "tap to play" fallback where autoplay is refused. */
  play(): void {
    this.videoEl?.play().catch((err: unknown) => {
      // AbortError: a newer srcObject replaced this one, nothing to report.
      if (err instanceof DOMException && err.name === 'AbortError') return;
      fire(this, 'video-play-blocked', { error: err });
    });
  }

  private onPlaying(): void {
    fire(this, 'video-playing', { video: this.videoEl });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'camera-view': CameraView;
  }
}
