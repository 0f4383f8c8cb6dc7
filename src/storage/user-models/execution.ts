import type { GraphModelJson } from './validate';

// Whether an imported graph runs with execute or needs executeAsync, decided once from its
// op names (at import, or when an old record is migrated) and kept with the model's
// metadata, so the worker knows it without reading the weights twice.

/** Ops that make a graph dynamic: such graphs need executeAsync. */
const DYNAMIC_OPS = new Set([
  'Where', 'NonMaxSuppressionV2', 'NonMaxSuppressionV3', 'NonMaxSuppressionV4', 'NonMaxSuppressionV5',
  'Enter', 'Exit', 'LoopCond', 'Switch', 'Merge', 'NextIteration', 'TensorListFromTensor', 'TensorListReserve',
  'TensorArrayV3', 'If', 'StatelessIf', 'While', 'StatelessWhile', 'ListDiff', 'Unique',
]);

export type Execution = 'execute' | 'executeAsync';

export function executionFor(json: GraphModelJson): Execution {
  const nodes: unknown = json?.modelTopology?.node;
  if (!Array.isArray(nodes)) return 'executeAsync';
  return nodes.some((n) => !!n && typeof n === 'object' && DYNAMIC_OPS.has((n as { op?: unknown }).op as string)) ? 'executeAsync' : 'execute';
}
