// Keyboard focus across shadow roots, for the dialogs (sheets, A/B): what has the focus deep
// inside nested shadow roots, what can take it inside a dialog in Tab order, and a Tab trap
// so that while a dialog is open the keyboard never walks onto the controls hidden under it.

/** The element that really has the focus, looked up through open shadow roots. */
export function deepActiveElement(doc: Document = document): Element | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

function isFocusable(el: Element): el is HTMLElement {
  if (!(el instanceof HTMLElement) || !el.matches(FOCUSABLE)) return false;
  if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.hidden || el.inert) return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  // not rendered (display: none, or inside a closed <details>): it cannot take the focus
  return el.getClientRects().length > 0;
}

/**
 * Elements inside `root` that Tab can reach, in document order through shadow roots and
 * slots (the composed tree, which is the order Tab follows when no tabindex is positive).
 */
export function tabbablesIn(root: Element | ShadowRoot): HTMLElement[] {
  const out: HTMLElement[] = [];
  const visit = (node: Element | ShadowRoot) => {
    const children = node instanceof HTMLSlotElement ? node.assignedElements({ flatten: true }) : [...node.children];
    for (const child of children) {
      if (child instanceof HTMLElement && child.inert) continue;
      if (isFocusable(child)) out.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
      else visit(child);
    }
  };
  visit(root);
  return out;
}

/** Whether `el` sits inside `container`, across shadow-root boundaries. */
export function containsDeep(container: Node, el: Node | null): boolean {
  for (let n: Node | null = el; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
    if (n === container) return true;
  }
  return false;
}

/**
 * Keeps Tab inside `container` (a dialog): from its last tabbable element Tab goes to its
 * first, Shift+Tab from the first to the last, and focus found outside is brought back in.
 * Call it from the container's keydown handler; it acts on Tab only.
 */
export function trapTab(event: KeyboardEvent, container: Element): void {
  if (event.key !== 'Tab' || event.defaultPrevented) return;
  const items = tabbablesIn(container.shadowRoot ?? container);
  if (items.length === 0) return;
  const active = deepActiveElement(container.ownerDocument);
  const first = items[0];
  const last = items[items.length - 1];
  const outside = !containsDeep(container, active);
  // a focused element that is not in the list (the heading, focused by script) counts as the start
  const index = active ? items.indexOf(active as HTMLElement) : -1;
  if (event.shiftKey && (outside || index <= 0)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (outside || index === items.length - 1)) {
    event.preventDefault();
    first.focus();
  }
}
