// The words of tracking and counting (part of en.ts; ja-tracking.ts has the same shape).

export const enTracking = {
  title: 'Counts',
  reset: 'Reset',
  cls: 'Class',
  now: 'Now',
  seen: 'Seen',
  in: 'In',
  out: 'Out',
  none: 'Nothing tracked yet.',
  drawLine: 'Draw a line',
  chart: 'Crossings per minute',
  minute: 'Minute',
  crossings: 'Crossings',
  middleLine: 'Line down the middle',
  clearLine: 'Remove the line',
  drawHint: 'Drag across the picture to draw the counting line. Esc cancels.',
};
