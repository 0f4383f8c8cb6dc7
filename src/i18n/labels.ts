// Class names and detection summaries in the UI's language. Display only: the public
// `ssd:detections` event keeps the model's own labels.
import type { Detection } from '../shared/protocol';
import { formatNumber } from './locale';
import { messages } from './messages';

/** A class name as the UI shows it ("person" -> "人" in Japanese); unknown names unchanged. */
export function className(label: string): string {
  return Object.prototype.hasOwnProperty.call(messages.classNames, label) ? messages.classNames[label] : label;
}

/** The text on a box: class name and score in percent. */
export function boxLabel(d: Pick<Detection, 'label' | 'score' | 'trackId'>): string {
  const id = d.trackId === undefined ? '' : ` #${d.trackId}`;
  return `${className(d.label)}${id} ${formatNumber(Math.round(d.score * 100), 0)}%`;
}

/** "3 faces, 2 persons": counts per class, most frequent first (then by name). */
export function summaryText(detections: readonly Pick<Detection, 'label'>[]): string {
  if (detections.length === 0) return messages.summary.none;
  const counts = new Map<string, number>();
  for (const d of detections) counts.set(d.label, (counts.get(d.label) ?? 0) + 1);
  const parts = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, n]) => messages.summary.count(n, className(label)));
  return messages.summary.join(parts);
}

/** A model's short, distinct name in the UI's language ("Faces · SSD MobileNetV1"); a model
 * without one (the user's own) keeps its name. */
export function modelShortName(m: { id: string; name: string }): string {
  return Object.prototype.hasOwnProperty.call(messages.modelShortNames, m.id) ? messages.modelShortNames[m.id] : m.name;
}

/** A model's full name in the UI's language: the catalogue's, else the manifest's (a user's
 * own model keeps the name it was given). */
export function modelName(m: { id: string; name: string }): string {
  return Object.prototype.hasOwnProperty.call(messages.modelNames, m.id) ? messages.modelNames[m.id] : m.name;
}

/** The full name of `m` in the UI's language, or `fallback` (an id) for a model not known. */
export function displayName(m: { id: string; name: string } | undefined, fallback: string): string {
  return m ? modelName(m) : fallback;
}
