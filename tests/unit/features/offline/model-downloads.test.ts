// The rules for models downloaded at run time (src/features/offline/model-downloads.ts): a
// switch waits until the model is stored and is refused when it cannot be; offline, an
// unstored one cannot start; each outcome is one notice under the same key.
import { describe, expect, it } from 'vitest';
import { ModelDownloads, type ModelStore } from '../../../../src/features/offline/model-downloads';
import type { NetworkModel } from '../../../../src/features/models/network-models';
import { ModelDownloadError } from '../../../../src/pwa/model-store';
import type { Notice } from '../../../../src/ui/notice';

const NET: NetworkModel = { id: 'net', name: 'Net Model', url: 'https://models.example/net/model.json' };

function setup({ stored = false, online = true, fail = null as Error | null } = {}) {
  const notices: Notice[] = [];
  const sink = {
    add: (n: Notice) => void notices.splice(0, notices.length, ...notices.filter((x) => x.key !== n.key), n),
    dismiss: (key: string) => void notices.splice(0, notices.length, ...notices.filter((x) => x.key !== key)),
  };
  const downloads: string[] = [];
  const store: ModelStore = {
    isStored: async () => stored,
    download: async (m) => {
      downloads.push(m.id);
      if (fail) throw fail;
      stored = true;
    },
  };
  const state = { online };
  return { d: new ModelDownloads([NET], store, () => state.online, sink), notices, downloads, state };
}

describe('before a switch', () => {
  it('passes a bundled model at once, without asking the store', () => {
    expect(setup().d.ensureStored('bundled')).toBe(true);
  });

  it('passes a stored run-time model without downloading it', async () => {
    const { d, downloads } = setup({ stored: true });
    await expect(d.ensureStored('net')).resolves.toBe(true);
    expect(downloads).toEqual([]);
  });

  it('downloads an unstored one first, and clears an earlier notice', async () => {
    const { d, downloads, notices } = setup();
    notices.push({ key: 'model-network', text: 'old' });
    await expect(d.ensureStored('net')).resolves.toBe(true);
    expect(downloads).toEqual(['net']);
    expect(notices).toEqual([]);
  });

  it('refuses offline, saying the model needs the network', async () => {
    const { d, downloads, notices } = setup({ online: false });
    await expect(d.ensureStored('net')).resolves.toBe(false);
    expect(downloads).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ key: 'model-network' });
    expect(notices[0].text).toContain('Net Model');
  });

  it('refuses when the download fails, with the reason', async () => {
    const { d, notices } = setup({ fail: new ModelDownloadError('quota', 'no space left') });
    await expect(d.ensureStored('net')).resolves.toBe(false);
    expect(notices.map((n) => n.key)).toEqual(['model-network']);
    expect(notices[0].text).toContain('no space left');
  });
});

describe('before a start', () => {
  it('has nothing to check for bundled models or when online', () => {
    expect(setup({ online: false }).d.cannotStart('bundled')).toBeNull();
    expect(setup({ online: true }).d.cannotStart('net')).toBeNull();
  });

  it('offline, blocks an unstored run-time model with a message for people, and lets a stored one start', async () => {
    await expect(setup({ online: false }).d.cannotStart('net')).resolves.toMatchObject({ kind: 'model-missing', message: expect.stringContaining('Net Model') });
    await expect(setup({ online: false, stored: true }).d.cannotStart('net')).resolves.toBeNull();
  });
});

describe('the storage panel\'s download', () => {
  it('says when it is stored, when it failed, and that it needs the network', async () => {
    const ok = setup();
    await ok.d.downloadForOffline('net');
    expect(ok.notices).toHaveLength(1);
    expect(ok.notices[0].text).toContain('Net Model');

    const failed = setup({ fail: new Error('HTTP 500') });
    await failed.d.downloadForOffline('net');
    expect(failed.notices[0].text).toContain('HTTP 500');

    const offline = setup({ online: false });
    await offline.d.downloadForOffline('net');
    expect(offline.downloads).toEqual([]);
    expect(offline.notices.map((n) => n.key)).toEqual(['model-network']);

    const unknown = setup();
    await unknown.d.downloadForOffline('nope');
    expect(unknown.notices).toEqual([]);
  });
});
