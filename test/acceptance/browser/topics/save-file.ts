// saveFile(params): GPFile.save, settled by the document events GPFile.Event.saveSuccess / saveFailed; one save at
// a time per client (the events carry no id).
import { describe, expect, it, vi } from 'vitest';
import { errorChecks, type AcceptanceApi } from '../api';
import { failEnv, fakeBridge } from '../../fake-bridge';
import { flush, rejectionOf, track } from '../../helpers';

export function registerSaveFile({ core }: AcceptanceApi): void {
  const { createGoPay } = core;
  const { asGoPayError, expectBridgeError } = errorChecks(core);
  const dispatch = (event: string, detail: unknown) => document.dispatchEvent(new CustomEvent(event, { detail }));

  describe('saveFile', () => {
    it('sends GPFile.save and resolves on GPFile.Event.saveSuccess', async () => {
      const { bridge, calls } = fakeBridge();
      const params = { url: 'https://example.com/receipt.pdf', name: 'receipt.pdf', destination: 'DOWNLOADS' } as const;
      const s = track(createGoPay({ bridge }).saveFile(params));
      await flush();
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ className: 'GPFile', methodName: 'save', params });
      expect(s.status).toBe('pending');
      dispatch('GPFile.Event.saveSuccess', { msg: 'SAVED' });
      await flush();
      expect(s.status).toBe('fulfilled');
    });

    it("on() delivers the bridge's file events with the payload from detail", async () => {
      const { bridge } = fakeBridge();
      const gp = createGoPay({ bridge });
      const ok = vi.fn();
      const failed = vi.fn();
      const off1 = gp.on('GPFile.Event.saveSuccess', ok);
      const off2 = gp.on('GPFile.Event.saveFailed', failed);
      const s = track(gp.saveFile({ url: 'https://example.com/a.pdf' }));
      await flush();
      dispatch('GPFile.Event.saveSuccess', { msg: 'SAVED' });
      await flush();
      expect(s.status).toBe('fulfilled');
      expect(ok).toHaveBeenCalledWith(expect.objectContaining({ msg: 'SAVED' }));
      expect(failed).not.toHaveBeenCalled();
      off1();
      off2();
    });

    it('rejects when GPFile.save itself fails', async () => {
      const { bridge } = fakeBridge({ answer: () => ({ fail: failEnv('400', 'iOS only') }) });
      const e = await rejectionOf(createGoPay({ bridge }).saveFile({ url: 'https://example.com/a.pdf' }));
      expectBridgeError(e, 'UNSUPPORTED', '400', 'GPFile', 'save');
    });

    it('a second save waits for the first to settle, then runs; GPFile.Event.saveFailed rejects it with a GoPayError', async () => {
      const { bridge, calls } = fakeBridge();
      const gp = createGoPay({ bridge });
      const a = track(gp.saveFile({ url: 'https://example.com/a.pdf' }));
      const b = track(gp.saveFile({ url: 'https://example.com/b.pdf' }));
      await flush();
      expect(calls.filter((c) => c.methodName === 'save')).toHaveLength(1);
      expect(calls[0].params).toMatchObject({ url: 'https://example.com/a.pdf' });
      dispatch('GPFile.Event.saveSuccess', { msg: 'SAVED' });
      await flush();
      expect(a.status).toBe('fulfilled');
      expect(b.status).toBe('pending');
      expect(calls.filter((c) => c.methodName === 'save')).toHaveLength(2);
      expect(calls[1].params).toMatchObject({ url: 'https://example.com/b.pdf' });
      dispatch('GPFile.Event.saveFailed', { msg: 'DISK_FULL' });
      await flush();
      expect(b.status).toBe('rejected');
      asGoPayError(b.error);
    });

    it('a first save that fails at the bridge lets the second one run', async () => {
      let n = 0;
      const { bridge, calls } = fakeBridge({
        answer: (r) => (r.methodName === 'save' && ++n === 1 ? { fail: failEnv('400') } : undefined),
      });
      const gp = createGoPay({ bridge });
      const a = track(gp.saveFile({ url: 'https://example.com/a.pdf' }));
      const b = track(gp.saveFile({ url: 'https://example.com/b.pdf' }));
      await flush();
      expect(a.status).toBe('rejected');
      expect(calls).toHaveLength(2);
      dispatch('GPFile.Event.saveSuccess', { msg: 'SAVED' });
      await flush();
      expect(b.status).toBe('fulfilled');
    });
  });
}
