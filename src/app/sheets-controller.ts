// Which sheet is open above the controls: state for the host element, which it asks to
// re-render (no lifecycle of its own, so not a registered reactive controller). The four tool
// sheets (import, bench, accuracy, settings) open one at a time from their buttons: on a phone
// there is room for no more. Closing one from its own button or its close/Escape gives focus back to
// the button that opened it, so keyboard users keep their place. The storage panel, opened
// from the top corner, is independent of them.
import type { ReactiveControllerHost } from 'lit';

export type SheetName = 'import' | 'bench' | 'settings' | 'accuracy';

export interface SheetsOptions {
  /** the button that opens `which` (focus goes back to it); null when it is not rendered */
  button: (which: SheetName) => HTMLElement | null;
  /** loads what a sheet needs the first time it opens (code not bundled with the page) */
  load?: Partial<Record<SheetName, () => unknown>>;
}

export class SheetsController {
  /** the storage panel (top corner) is open */
  storageOpen = false;
  private open = new Set<SheetName>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: SheetsOptions,
  ) {}

  isOpen(which: SheetName): boolean {
    return this.open.has(which);
  }

  /** A sheet's button: opens it alone, or closes it when it was open. */
  toggle(which: SheetName): void {
    const wasOpen = this.open.has(which);
    this.open = new Set(wasOpen ? [] : [which]);
    if (!wasOpen) this.options.load?.[which]?.();
    this.host.requestUpdate();
    if (wasOpen) this.focusBack(which);
  }

  /** Opens a sheet because something under way belongs to it (a bench asked for in the URL). */
  show(which: SheetName): void {
    if (this.open.has(which)) return;
    this.open = new Set([...this.open, which]);
    this.options.load?.[which]?.();
    this.host.requestUpdate();
  }

  /** Closes a sheet whose work is done (an import saved): focus stays where it is. */
  hide(which: SheetName): void {
    if (!this.open.delete(which)) return;
    this.open = new Set(this.open);
    this.host.requestUpdate();
  }

  /** The sheet's own close (its button or Escape): closes it and focuses its button. */
  close(which: SheetName): void {
    this.hide(which);
    this.focusBack(which);
  }

  /** The storage button: opens or closes the storage panel; true when it is now open. */
  toggleStorage(): boolean {
    this.storageOpen = !this.storageOpen;
    this.host.requestUpdate();
    return this.storageOpen;
  }

  closeStorage(): void {
    this.storageOpen = false;
    this.host.requestUpdate();
  }

  /** After the update that removes the sheet: its button may only then be focusable. */
  private focusBack(which: SheetName): void {
    void this.host.updateComplete.then(() => this.options.button(which)?.focus());
  }
}
