// The sheets above the controls (src/app/sheets-controller.ts): one tool sheet at a time from
// its button, focus back to the button that opened it when it closes (after the render that
// removes it), code loaded on first open, and the storage panel apart from them.
import { describe, expect, it, vi } from 'vitest';
import { SheetsController, type SheetName } from '../../../src/app/sheets-controller';

function setup() {
  let rendered: () => void = () => {};
  const host = {
    addController() {},
    removeController() {},
    requestUpdate: vi.fn(),
    // settles when the test says the render is done
    get updateComplete() {
      return new Promise<boolean>((resolve) => (rendered = () => resolve(true)));
    },
  };
  const focused: SheetName[] = [];
  const button = (which: SheetName) => ({ focus: () => focused.push(which) }) as unknown as HTMLElement;
  const loadAccuracy = vi.fn();
  const sheets = new SheetsController(host, { button, load: { accuracy: loadAccuracy } });
  return { sheets, focused, loadAccuracy, render: () => rendered() };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('tool sheets', () => {
  it('open one at a time', () => {
    const { sheets } = setup();
    sheets.toggle('bench');
    sheets.toggle('settings');
    expect(sheets.isOpen('settings')).toBe(true);
    expect(sheets.isOpen('bench')).toBe(false);
  });

  it('give focus back to their button when closed from it, once the render is done', async () => {
    const { sheets, focused, render } = setup();
    sheets.toggle('settings');
    sheets.toggle('settings');
    expect(sheets.isOpen('settings')).toBe(false);
    await flush();
    expect(focused).toEqual([]); // not before the render
    render();
    await flush();
    expect(focused).toEqual(['settings']);
  });

  it('give focus back when closed by the sheet itself, to that sheet\'s button', async () => {
    const { sheets, focused, render } = setup();
    sheets.toggle('import');
    sheets.close('import');
    render();
    await flush();
    expect(focused).toEqual(['import']);
  });

  it('leave focus alone when opening, or when a finished sheet is hidden', async () => {
    const { sheets, focused, render } = setup();
    sheets.toggle('import');
    render();
    sheets.hide('import');
    expect(sheets.isOpen('import')).toBe(false);
    await flush();
    expect(focused).toEqual([]);
  });

  it('load what a sheet needs when it opens, not when it closes', () => {
    const { sheets, loadAccuracy } = setup();
    sheets.toggle('accuracy');
    sheets.toggle('accuracy');
    expect(loadAccuracy).toHaveBeenCalledTimes(1);
    sheets.show('accuracy');
    expect(loadAccuracy).toHaveBeenCalledTimes(2);
  });

  it('show opens a sheet for work under way without moving focus', () => {
    const { sheets } = setup();
    sheets.show('bench');
    sheets.show('bench');
    expect(sheets.isOpen('bench')).toBe(true);
  });
});

describe('the storage panel', () => {
  it('toggles on its own, apart from the tool sheets', () => {
    const { sheets } = setup();
    sheets.toggle('bench');
    expect(sheets.toggleStorage()).toBe(true);
    expect(sheets.isOpen('bench')).toBe(true);
    expect(sheets.toggleStorage()).toBe(false);
    sheets.toggleStorage();
    sheets.closeStorage();
    expect(sheets.storageOpen).toBe(false);
  });
});
