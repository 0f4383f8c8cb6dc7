// The sheets above the controls (src/app/sheets-controller.ts): one sheet at a time from its
// button (the storage panel and the model info too), focus back to the button that opened it
// when it closes (after the render that removes it), and code loaded on open.
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

describe('storage and model info are sheets like the others', () => {
  it('opening one closes the tool sheet that was open, and the other way round', () => {
    const { sheets } = setup();
    sheets.toggle('bench');
    sheets.toggle('storage');
    expect(sheets.isOpen('storage')).toBe(true);
    expect(sheets.isOpen('bench')).toBe(false);
    sheets.toggle('info');
    expect(sheets.isOpen('info')).toBe(true);
    expect(sheets.isOpen('storage')).toBe(false);
    sheets.show('bench'); // a bench asked for in the URL
    expect(sheets.isOpen('info')).toBe(false);
    expect(sheets.anyOpen).toBe(true);
  });

  it('close gives focus back to the button that opened it; hideAll (A/B) moves no focus', async () => {
    const { sheets, focused, render } = setup();
    sheets.toggle('storage');
    sheets.close('storage');
    render();
    await flush();
    expect(focused).toEqual(['storage']);
    sheets.toggle('info');
    sheets.hideAll();
    expect(sheets.anyOpen).toBe(false);
    await flush();
    expect(focused).toEqual(['storage']);
    // closing a sheet that is not open does nothing
    sheets.close('bench');
    await flush();
    expect(focused).toEqual(['storage']);
  });
});
