export interface TrackingSpeed {
  objects: number;
  frames: number;
  tracks: number;
  updateMeanMs: number;
  updateP95Ms: number;
  predictMeanMs: number;
  /** null unless Node runs with --expose-gc */
  heapBytesPerFrame: number | null;
  budgetMs: number;
  where: string;
}
export const TRACKING_BUDGET_MS: number;
export function trackingSpeed(root: string, options?: { objects?: number; frames?: number; warmup?: number }): Promise<TrackingSpeed>;
export function trackingSpeedWithHeap(root: string): TrackingSpeed & { heapBytesPerFrame: number };
