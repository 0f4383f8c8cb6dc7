// DetectorClient's switch: a new worker starts beside the running one and replaces it only
// once ready; a failed start leaves the running one alone. Workers are fakes answering the
// protocol by hand, so each step can be checked in order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DetectorClient, EngineError } from '../../../src/engine/detector-client';
import { FakeWorker, installFakePage } from '../helpers/fake-worker';

const frame = () => ({ close() {} }) as unknown as VideoFrame;
const tick = () => new Promise((r) => setTimeout(r, 0));

let page: ReturnType<typeof installFakePage>;
beforeEach(() => {
  page = installFakePage();
});
afterEach(() => page.restore());

async function started(client: DetectorClient): Promise<FakeWorker> {
  const starting = client.start({ modelId: 'm', backend: 'wasm' });
  await tick();
  const worker = FakeWorker.all.at(-1)!;
  worker.ready();
  await starting;
  return worker;
}

describe('DetectorClient switching model or backend', () => {
  it('keeps the running worker detecting until the new one is ready, then swaps', async () => {
    const client = new DetectorClient();
    const old = await started(client);

    const switching = client.start({ modelId: 'm', backend: 'cpu' });
    await tick();
    const next = FakeWorker.all.at(-1)!;
    expect(next).not.toBe(old);

    // meanwhile frames still go to the old worker and come back
    const during = client.detect(frame(), 1);
    old.result();
    await expect(during).resolves.toMatchObject({ frameId: 1 });

    // a frame in flight on the old worker when the new one is ready is dropped, not failed
    const inFlight = client.detect(frame(), 2);
    next.ready('cpu');
    await expect(switching).resolves.toMatchObject({ backend: 'cpu' });
    await expect(inFlight).rejects.toMatchObject({ kind: 'superseded' });
    expect(old.terminated).toBe(true);

    const after = client.detect(frame(), 3);
    expect(next.pending('detect')).toMatchObject({ frameId: 3 });
    next.result();
    await expect(after).resolves.toMatchObject({ frameId: 3 });
  });

  it('leaves the running worker alone when the new one fails to load its model', async () => {
    const client = new DetectorClient();
    const old = await started(client);

    const switching = client.start({ modelId: 'm', backend: 'cpu' });
    await tick();
    const next = FakeWorker.all.at(-1)!;
    next.reply({ type: 'error', id: next.pending('init').id, kind: 'model-missing', message: 'weights: HTTP 404' });
    await expect(switching).rejects.toEqual(new EngineError('model-missing', 'weights: HTTP 404'));
    expect(next.terminated).toBe(true);
    expect(old.terminated).toBe(false);
    expect(client.running).toBe(true);

    const still = client.detect(frame(), 7);
    old.result();
    await expect(still).resolves.toMatchObject({ frameId: 7 });
  });

  it('stop() ends the running worker and one still starting', async () => {
    const client = new DetectorClient();
    const old = await started(client);
    const switching = client.start({ modelId: 'm', backend: 'cpu' });
    await tick();
    const next = FakeWorker.all.at(-1)!;
    client.stop();
    expect(old.terminated).toBe(true);
    expect(next.terminated).toBe(true);
    await expect(switching).rejects.toBeInstanceOf(EngineError);
    expect(client.running).toBe(false);
  });

  it('a start taken back (cancelStart) never replaces the running worker', async () => {
    const client = new DetectorClient();
    const old = await started(client);
    const switching = client.start({ modelId: 'm', backend: 'cpu' });
    await tick();
    const next = FakeWorker.all.at(-1)!;
    client.cancelStart();
    next.ready('cpu');
    await expect(switching).rejects.toBeInstanceOf(EngineError);
    expect(next.terminated).toBe(true);
    expect(old.terminated).toBe(false);
  });
});
