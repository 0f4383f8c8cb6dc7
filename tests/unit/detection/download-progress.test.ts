// Counting downloaded bytes across a model's files as they are read, for the loading line.
import { describe, expect, it } from 'vitest';
import { countingFetch } from '../../../src/detection/download-progress';

describe('download progress', () => {
  const body = (n: number, chunk: number) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < n; i += chunk) c.enqueue(new Uint8Array(Math.min(chunk, n - i)));
        c.close();
      },
    });

  it('counts bytes across responses as they are read', async () => {
    const reports: [number, number | null][] = [];
    const sizes: Record<string, number> = { '/a.json': 100, '/b.bin': 1000 };
    const base = (async (input: RequestInfo | URL) =>
      new Response(body(sizes[String(input)], 300), { headers: { 'content-length': String(sizes[String(input)]) } })) as typeof fetch;
    const f = countingFetch((loaded, total) => reports.push([loaded, total]), null, base);
    expect((await (await f('/a.json')).arrayBuffer()).byteLength).toBe(100);
    expect((await (await f('/b.bin')).arrayBuffer()).byteLength).toBe(1000);
    expect(reports.at(-1)).toEqual([1100, 1100]);
    expect(reports.map((r) => r[0])).toEqual([100, 400, 700, 1000, 1100]);
  });

  it('uses the known total, and says unknown when a size is missing', async () => {
    const reports: [number, number | null][] = [];
    const base = (async () => new Response(body(50, 50))) as typeof fetch;
    await (await countingFetch((l, t) => reports.push([l, t]), null, base)('/x')).arrayBuffer();
    expect(reports).toEqual([[50, null]]);
    reports.length = 0;
    await (await countingFetch((l, t) => reports.push([l, t]), 500, base)('/x')).arrayBuffer();
    expect(reports).toEqual([[50, 500]]);
  });

  it('passes errors through untouched', async () => {
    const base = (async () => new Response('nope', { status: 404 })) as typeof fetch;
    const r = await countingFetch(() => {}, null, base)('/missing');
    expect(r.status).toBe(404);
  });
});
