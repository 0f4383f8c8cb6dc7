// Which sheet is open above the controls: state for the host element, which it asks to
// re-render (no lifecycle of its own, so not a registered reactive controller). Every
// secondary screen (import, bench, accuracy, settings, storage, model info) is a sheet, and
// one shows at a time: on a phone there is room for no more, and a keyboard user is never
// left in one sheet while another covers it. Closing one from its own button, its Close or
// Escape gives focus back to the button that opened it, so keyboard users keep their place.
import type { ReactiveControllerHost } from 'lit';

export type SheetName = 'import' | 'bench' | 'settings' | 'accuracy' | 'storage' | 'info';

export interface SheetsOptions {
  /** the button that opens `which` (focus goes back to it); null when it is not rendered */
  button: (which: SheetName) => HTMLElement | null;
  /** loads what a sheet needs each time it opens (code not bundled with the page, fresh data) */
  load?: Partial<Record<SheetName, () => unknown>>;
}

export class SheetsController {
  private current: SheetName | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SheetsOptions,
  ) {}

  isOpen(which: SheetName): boolean {
    return this.current === which;
  }

  /** whether any sheet is open */
  get anyOpen(): boolean {
    return this.current !== null;
  }

  /** A sheet's button: opens it alone, or closes it when it was open. */
  toggle(which: SheetName): void {
    if (this.current === which) {
      this.close(which);
      return;
    }
    this.show(which);
  }

  /** Opens a sheet (alone): from its button, or because something under way belongs to it
   * (a bench asked for in the URL). */
  show(which: SheetName): void {
    if (this.current === which) return;
    this.current = which;
    this.options.load?.[which]?.();
    this.host.requestUpdate();
  }

  /** Closes a sheet whose work is done (an import saved): focus stays where it is. */
  hide(which: SheetName): void {
    if (this.current !== which) return;
    this.current = null;
    this.host.requestUpdate();
  }

  /** Closes whatever sheet is open (A/B takes the screen); focus stays where it is. */
  hideAll(): void {
    if (this.current === null) return;
    this.current = null;
    this.host.requestUpdate();
  }

  /** The sheet's own close (its button, Close or Escape): closes it and focuses its button. */
  close(which: SheetName): void {
    if (this.current !== which) return;
    this.hide(which);
    this.focusBack(which);
  }

  /** After the update that removes the sheet: its button may only then be focusable. */
  private focusBack(which: SheetName): void {
    void this.host.updateComplete.then(() => this.options.button(which)?.focus());
  }
}
