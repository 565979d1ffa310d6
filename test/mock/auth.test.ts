// GPMiniAppAuth.getAuthCode without a server: codes minted locally, 64 letters and digits like GoPay's, in the format
// the mock GoPay server verifies from another process (src/mock/auth-code-format.ts).
import { describe, expect, it, vi } from 'vitest';
import { createGoPay } from '../../src/core/index';
import { readMockAuthCode } from '../../src/shared/mock-auth-code';
import { raw, useMocks } from './helpers';

const mock = useMocks();
const codeOf = async (bridge: ReturnType<typeof mock>) => {
  const [outcome, answer] = await raw(bridge, 'GPMiniAppAuth.getAuthCode');
  expect(outcome).toBe('ok');
  return (answer.data as { authCode: string }).authCode;
};

describe('mock auth codes', () => {
  it('are 64 letters and digits that the mock GoPay server can read back, issued now', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(1_764_500_000_123);
    const code = await codeOf(mock());
    expect(code).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(readMockAuthCode(code)).toEqual({ issuedAt: 1_764_500_000_123 });
  });

  it('differ on every call, also within the same millisecond', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const bridge = mock();
    const codes = [await codeOf(bridge), await codeOf(bridge), await codeOf(mock())];
    expect(new Set(codes).size).toBe(3);
  });

  it('with a seed, their 40 random characters are reproducible and the issue time is the clock', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(1000);
    const first = await codeOf(mock({ seed: 42 }));
    vi.setSystemTime(2000);
    const again = await codeOf(mock({ seed: 42 }));
    expect(again.slice(0, 40)).toBe(first.slice(0, 40));
    expect(again).not.toBe(first);
    expect(readMockAuthCode(again)).toEqual({ issuedAt: 2000 });
    expect((await codeOf(mock({ seed: 43 }))).slice(0, 40)).not.toBe(first.slice(0, 40));
  });

  it('reach the core as AuthCodes, and through withAuthCode', async () => {
    const gp = createGoPay({ bridge: mock() });
    const authCode = await gp.getAuthCode();
    expect(readMockAuthCode(authCode.code)).toBeDefined();
    const used = await gp.withAuthCode((code) => code);
    expect(readMockAuthCode(used)).toBeDefined();
    expect(used).not.toBe(authCode.code);
  });

  it('are never fetched without the server option', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    await codeOf(mock());
    expect(fetch).not.toHaveBeenCalled();
  });
});
