import { expect, it, vi } from 'vitest';

it('logs once that it is active, however many mocks are made', async () => {
  vi.resetModules();
  const info = vi.spyOn(console, 'info').mockImplementation(() => {});
  const { createMockBridge } = await import('../../src/mock/index');
  expect(info).not.toHaveBeenCalled();
  createMockBridge();
  createMockBridge();
  expect(info).toHaveBeenCalledTimes(1);
  expect(info.mock.calls[0]![0]).toMatch(/mock.*Never ship it to production/);
});
