// The words for what went wrong, from the machine-readable kind and detail the camera and the
// engine report (layers below the UI hold no words for people). Pure, so the wording rules can
// be tested alone; each is chosen by kind at render time, so a language change while a banner
// is up re-words it.
import type { EngineOptions } from '../engine/detector-client';
import type { ReadyInfo } from '../shared/protocol';
import type { ErrorDetail } from '../automation/automation';
import { messages } from '../i18n/messages';
import { modelName } from '../i18n/labels';

/** The blocking failure banner's text. `asWritten`: the message was already written for people
 * (from the catalogue) and is shown as it is. */
export function failureText(f: ErrorDetail, asWritten: boolean): string {
  if (f.kind.startsWith('camera-')) return messages.camera[f.kind as keyof typeof messages.camera] ?? f.message;
  if (f.kind === 'worker-crashed') return messages.withDetail(messages.workerCrashed, f.message);
  if (asWritten) return f.message;
  return messages.engineFailed(explained(f));
}

/** An engine failure's detail behind the catalogue's explanation of its kind, when it has one. */
function explained(f: { kind: string; message: string }): string {
  const known = messages.engineErrors[f.kind as keyof typeof messages.engineErrors];
  return known ? messages.withDetail(known, f.message) : f.message;
}

/** The backend asked for did not come up and another one runs: what was asked, why, what runs.
 * null when nothing fell back. */
export function fallbackText(info: ReadyInfo): string | null {
  if (!info.fallbackReason) return null;
  const actual = messages.backendNames[info.backend];
  return info.requestedBackend === 'auto'
    ? messages.fallbackNoRequest(info.fallbackReason, actual)
    : messages.fallback(messages.backendNames[info.requestedBackend], info.fallbackReason, actual);
}

/** A model or backend switch failed while `running` went on. */
export function switchFailedText(failure: { kind: string; message: string }, wantedName: string, wanted: EngineOptions, running: ReadyInfo): string {
  const names = messages.backendNames;
  return messages.switchFailed(wantedName, names[wanted.backend], explained(failure), modelName(running.model), names[running.backend]);
}
