// The English words of the bench (part of en.ts, kept apart for its size).

export const enBench = {
  title: 'Compare backbones on this device',
  help: 'Each model runs on each backend in a fresh worker: cold start (backend start, model load, first inference) is measured apart, then warm-up and timed frames on one fixed frame. The live view pauses meanwhile.',
  models: 'Models',
  backends: 'Backends',
  frames: 'Timed frames',
  run: 'Run comparison',
  cancel: 'Cancel',
  close: 'Close',
  running: (done: number, total: number, current: string) => `Measuring ${current} (${done + 1} of ${total})…`,
  /** said (role=status) when a comparison ends; the results are scrolled into view */
  finished: (rows: number) => `Comparison finished: ${rows} result${rows === 1 ? '' : 's'} below.`,
  cameraSnapshot: 'camera snapshot',
  samplePhoto: 'bundled sample photo',
  cancelled: 'The comparison was cancelled.',
  livePaused: 'Live detection is paused while the comparison runs; it comes back when it ends.',
  failed: (why: string) => `The comparison failed: ${why}`,
  storageFailed: (why: string) => `Results could not be stored in this browser: ${why}.`,
  /** a results file refused on import, and why */
  importErrors: {
    notJson: 'This file is not JSON. Choose a file exported with “Export JSON”.',
    notExport: (format: string) => `This JSON is not an SSD Cam bench export (expected format "${format}").`,
    tooLarge: (mb: string) => `This file is larger than ${mb} MB: it is not an SSD Cam bench export.`,
    field: (detail: string) => `The export is damaged: ${detail}. Nothing was imported.`,
  },
  /** a stored result the app cannot show (damaged, or saved by an older version) */
  unreadable: (detail: string) => `This stored result cannot be shown: ${detail}. It may have been saved by an older version; delete it.`,
  /** one bad field: where, what is there, what belongs there */
  fieldProblem: (path: string, found: string, expected: string) => `${path} is ${found}, expected ${expected}`,
  wholeRecord: 'the record',
  found: {
    missing: 'missing', null: 'empty (null)', boolean: 'true or false', number: 'a number', text: 'a text', list: 'a list', object: 'an object',
    'out-of-range': 'out of range', 'too-long': 'too long', 'not-a-date': 'not a date', 'not-allowed': 'not an allowed value',
  },
  expected: {
    text: (max: string) => `a text of at most ${max} characters`,
    number: (min: string, max: string) => `a number from ${min} to ${max}`,
    integer: (min: string, max: string) => `a whole number from ${min} to ${max}`,
    boolean: 'true or false',
    date: 'a date and time such as 2026-11-23T14:00:00.000Z',
    list: (max: string) => `a list of at most ${max} items`,
    object: 'an object (named fields)',
    oneOf: (values: string) => `one of ${values}`,
  },
  results: 'Results',
  none: 'No results yet: run a comparison, or import one from another device.',
  exportCsv: 'Export CSV',
  exportJson: 'Export JSON',
  importJson: 'Import JSON from another device',
  share: 'Share',
  remove: 'Delete',
  imported: 'imported',
  thisDevice: 'this device',
  failures: 'Could not run',
  fpsChart: 'Frames per second, by model and backend (higher is faster)',
  scatterChart: 'Mult-adds per frame against frames per second (log scale)',
  /** a share of the probed peak over 100%: the probe was not an upper bound */
  probeFault: (share: string) => `probe fault (${share})`,
  columns: {
    model: 'model', backend: 'backend', threads: 'threads', cold: 'cold start ms', fps: 'fps', total: 'total ms p50/p95',
    inference: 'inference ms p50', readback: 'readback ms p50', efficiency: 'pipeline vs bare', multAdds: 'mult-adds',
    achieved: 'GMAC/s', peak: 'of peak', tensors: 'tensors before/after',
  },
};
