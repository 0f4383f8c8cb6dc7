// Bytes downloaded while a model loads, for the loading screen. A fetch wrapper that counts
// response bodies as they stream in; works for our weights loader and for tfjs-converter's
// loadGraphModel (its `fetchFunc` option), in the worker or in Node.

/** loaded so far, and the total when it is known (manifest size, else Content-Length sums). */
export type DownloadProgressCallback = (loaded: number, total: number | null) => void;

export function countingFetch(
  onProgress: DownloadProgressCallback,
  expectedTotal: number | null = null,
  baseFetch: typeof fetch = (input, init) => fetch(input, init),
): typeof fetch {
  let loaded = 0;
  let announced = 0; // sum of Content-Length headers seen
  let unknownLength = false;
  const total = () => {
    const t = expectedTotal ?? (unknownLength ? null : announced);
    return t === null ? null : Math.max(t, loaded);
  };
  return async (input, init) => {
    const response = await baseFetch(input, init);
    if (!response.ok || !response.body) return response;
    const length = Number(response.headers.get('content-length'));
    if (Number.isFinite(length) && length > 0) announced += length;
    else unknownLength = true;
    const reader = response.body.getReader();
    const counted = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        loaded += value.byteLength;
        onProgress(loaded, total());
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
