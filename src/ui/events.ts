// Typed custom events: one map from each event's name to its detail, and `fire`, which sends
// one up. Every event bubbles and is composed (it crosses the shadow roots up to ssd-app,
// which listens on the elements it renders). The map is declared here with the UI kit's own
// events; the features' events are declared in one block in src/features/events.ts, which
// adds them to this interface (src/ui may not import from src/features: that would tie the
// two folders into a cycle, see scripts/lib/walls.mjs).

/** Event name -> detail. `undefined`: the event carries no detail (its `detail` is null). */
export interface SsdUiEvents {
  /** <ssd-sheet>: its Close button or Escape; the element that shows the sheet closes it */
  'sheet-close': undefined;
  /** <file-button>: files picked in the browser's picker (its input is then cleared, so the
   * same file can be picked again) */
  'file-pick': { files: File[] };
  /** <file-button>, cancelable, before the browser's picker opens: the owner may cancel it to
   * pick another way (a folder through the File System Access API) and call open() later */
  'file-open': undefined;
}

export type SsdUiEventName = keyof SsdUiEvents;

/** The event a listener receives, e.g. `(e: SsdUiEvent<'settings-change'>) => e.detail`. */
export type SsdUiEvent<K extends SsdUiEventName> = CustomEvent<SsdUiEvents[K]>;

/** The detail argument: none for an event without one. */
type DetailArgs<K extends SsdUiEventName> = SsdUiEvents[K] extends undefined ? [] : [detail: SsdUiEvents[K]];

/** Sends `name` from `target` (bubbles, composed); returns what dispatchEvent returns. */
export function fire<K extends SsdUiEventName>(target: EventTarget, name: K, ...detail: DetailArgs<K>): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail: detail[0], bubbles: true, composed: true }));
}

/** As fire, for an event the listener may cancel; false when one did. */
export function fireCancelable<K extends SsdUiEventName>(target: EventTarget, name: K, ...detail: DetailArgs<K>): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail: detail[0], bubbles: true, composed: true, cancelable: true }));
}
