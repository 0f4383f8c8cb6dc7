// The words of an imported model's compatibility check (part of en.ts; ja-compat.ts has the same shape).

export const enCompat = {
  check: 'Check on this device’s backends',
  checking: (backend: string, done: number, total: number) => `Checking on ${backend}… (${done + 1} of ${total})`,
  title: 'On this device',
  columns: { backend: 'Backend', result: 'Result', cold: 'Cold start', warm: 'Warm run', boxes: 'Boxes', vsCpu: 'Against CPU' },
  ran: 'runs',
  fellBack: (to: string) => `fell back to ${to}`,
  failed: 'failed',
  reference: 'reference',
  agrees: 'agrees',
  differs: (unmatched: number, scoreDiff: string, iou: string) => `differs: ${unmatched} boxes unmatched, scores apart by up to ${scoreDiff}, IoU down to ${iou}`,
  note: (frame: string, threshold: string) =>
    `On ${frame}, boxes scoring ${threshold} or more; times include the live view running beside it. Saved with the model if you save the form unchanged.`,
  checkFailed: (why: string) => `The check could not run: ${why}.`,
};
