import { describe, expect, it, vi } from 'vitest';
import { createGoPay, type SettleEvent } from '../../src/core/index';
import { fakeBridge, failWith, ok } from './fake-bridge';

const SECRET = 'S3CRET'.repeat(10);

describe('on()', () => {
  it('returns an idempotent unsubscribe; the document listener lives from the first subscriber to the last', () => {
    const add = vi.spyOn(document, 'addEventListener');
    const remove = vi.spyOn(document, 'removeEventListener');
    const gp = createGoPay({ bridge: fakeBridge() });
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = gp.on('motion.gyro', (r) => a.push(r));
    const offB = gp.on('motion.gyro', (r) => b.push(r));
    expect(add.mock.calls.filter(([name]) => name === 'motion.gyro')).toHaveLength(1);
    document.dispatchEvent(new CustomEvent('motion.gyro', { detail: { x: 1, y: 2, z: 3 } }));
    offA();
    offA();
    expect(remove).not.toHaveBeenCalled();
    document.dispatchEvent(new CustomEvent('motion.gyro', { detail: { x: 4, y: 5, z: 6 } }));
    offB();
    expect(remove).toHaveBeenCalledTimes(1);
    expect(remove.mock.calls[0]![1]).toBe(add.mock.calls.find(([name]) => name === 'motion.gyro')![1]);
    document.dispatchEvent(new CustomEvent('motion.gyro', { detail: { x: 7, y: 8, z: 9 } }));
    expect(a).toEqual([{ x: 1, y: 2, z: 3 }]);
    expect(b).toEqual([
      { x: 1, y: 2, z: 3 },
      { x: 4, y: 5, z: 6 },
    ]);
  });

  it('throws a GoPayValidationError for a missing event name or listener', () => {
    const gp = createGoPay({ bridge: fakeBridge() });
    expect(() => gp.on('' as never, () => {})).toThrow(/on\(event\)/);
    expect(() => gp.on('settle', 'nope' as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('listener') }),
    );
  });

  it('forwards any bridge event with a dot in its name, documented or not, only while subscribed', () => {
    const add = vi.spyOn(document, 'addEventListener');
    const remove = vi.spyOn(document, 'removeEventListener');
    const gp = createGoPay({ bridge: fakeBridge() });
    const seen: unknown[] = [];
    const off = gp.on('GPFuture.Event.thing' as never, (r: unknown) => seen.push(r));
    document.dispatchEvent(new CustomEvent('GPFuture.Event.thing', { detail: { n: 1 } }));
    off();
    document.dispatchEvent(new CustomEvent('GPFuture.Event.thing', { detail: { n: 2 } }));
    expect(seen).toEqual([{ n: 1 }]);
    expect(add.mock.calls.filter(([name]) => name === 'GPFuture.Event.thing')).toHaveLength(1);
    expect(remove.mock.calls.filter(([name]) => name === 'GPFuture.Event.thing')).toHaveLength(1);
    // The SDK's own events never touch the document.
    gp.on('settle', () => {})();
    expect(add.mock.calls.filter(([name]) => name === 'settle')).toHaveLength(0);
  });

  it('reads the payload from detail, then param, else passes the event', () => {
    const gp = createGoPay({ bridge: fakeBridge() });
    const seen: unknown[] = [];
    gp.on('motion.shake', (r) => seen.push(r));
    document.dispatchEvent(new CustomEvent('motion.shake', { detail: { via: 'detail' } }));
    document.dispatchEvent(Object.assign(new Event('motion.shake'), { param: { via: 'param' } }));
    const bare = Object.assign(new Event('motion.shake'), { x: 1 });
    document.dispatchEvent(bare);
    expect(seen).toEqual([{ via: 'detail' }, { via: 'param' }, bare]);
  });

  it('a listener that throws breaks neither the SDK nor other listeners', async () => {
    vi.useFakeTimers();
    const gp = createGoPay({ bridge: fakeBridge({}, ok({ n: 1 })) });
    const other = vi.fn();
    gp.on('settle', () => {
      throw new Error('listener bug');
    });
    gp.on('settle', other);
    await expect(gp.call('A', 'b')).resolves.toEqual({ n: 1 });
    expect(other).toHaveBeenCalledTimes(1);
    expect(() => vi.runOnlyPendingTimers()).toThrow('listener bug');
    vi.useRealTimers();
  });

  it('emits ready once, and call/settle around every call', async () => {
    const gp = createGoPay({ bridge: fakeBridge({ 'A.ok': ok({ n: 1 }), 'A.no': failWith('401') }) });
    const events: string[] = [];
    gp.on('ready', () => events.push('ready'));
    gp.on('call', (e) => events.push(`call ${e.methodName}`));
    gp.on('settle', (e) => events.push(`settle ${e.methodName} ${e.ok} ${e.ok ? JSON.stringify(e.result) : e.error!.code}`));
    await gp.call('A', 'ok');
    await gp.call('A', 'no').catch(() => {});
    await gp.ready();
    expect(events).toEqual(['ready', 'call ok', 'settle ok true {"n":1}', 'call no', 'settle no false NETWORK']);
  });
});

describe('the event bus (eventemitter3, its traps closed)', () => {
  it('the same listener subscribed twice: unsubscribe() removes exactly its own subscription', () => {
    const gp = createGoPay({ bridge: fakeBridge() });
    const seen: unknown[] = [];
    const listener = (r: unknown) => seen.push(r);
    const offFirst = gp.on('motion.shake', listener);
    const offSecond = gp.on('motion.shake', listener);
    document.dispatchEvent(new CustomEvent('motion.shake', { detail: 1 }));
    offFirst();
    document.dispatchEvent(new CustomEvent('motion.shake', { detail: 2 }));
    offSecond();
    document.dispatchEvent(new CustomEvent('motion.shake', { detail: 3 }));
    expect(seen).toEqual([1, 1, 2]);
  });

  it('a listener that throws on a bridge event breaks neither the other listeners nor a waiting save', async () => {
    vi.useFakeTimers();
    const gp = createGoPay({ bridge: fakeBridge({}, ok({ msg: 'SAVE_STARTED' })) });
    gp.on('GPFile.Event.saveSuccess', () => {
      throw new Error('listener bug');
    });
    const saving = gp.saveFile({ url: 'https://x.test/a.pdf' });
    document.dispatchEvent(new CustomEvent('GPFile.Event.saveSuccess', { detail: { msg: 'SAVED' } }));
    await expect(saving).resolves.toEqual({ msg: 'SAVED' });
    expect(() => vi.runOnlyPendingTimers()).toThrow('listener bug');
    vi.useRealTimers();
  });

  it.each([['constructor'], ['__proto__'], ['toString'], ['hasOwnProperty']])('on(%j) subscribes like any other name', (name) => {
    const gp = createGoPay({ bridge: fakeBridge() });
    const seen: unknown[] = [];
    const off = gp.on(name as never, (r: unknown) => seen.push(r));
    expect(off).toBeTypeOf('function');
    off();
    const dotted = gp.on(`GP.${name}` as never, (r: unknown) => seen.push(r));
    document.dispatchEvent(new CustomEvent(`GP.${name}`, { detail: 'x' }));
    dotted();
    expect(seen).toEqual(['x']);
  });

  it('the client exposes on() only: nobody outside can emit or remove all listeners', () => {
    const gp = createGoPay({ bridge: fakeBridge() }) as unknown as Record<string, unknown>;
    for (const name of ['emit', 'off', 'removeAllListeners', 'addListener', 'once']) expect(gp[name]).toBeUndefined();
  });

  it('a bridge event whose payload is JSON text is parsed; other text is passed as it is', () => {
    const gp = createGoPay({ bridge: fakeBridge() });
    const seen: unknown[] = [];
    gp.on('GPFile.Event.saveFailed', (r) => seen.push(r));
    document.dispatchEvent(new CustomEvent('GPFile.Event.saveFailed', { detail: '{"msg":"DISK_FULL"}' }));
    document.dispatchEvent(new CustomEvent('GPFile.Event.saveFailed', { detail: 'not json' }));
    expect(seen).toEqual([{ msg: 'DISK_FULL' }, 'not json']);
  });
});

describe('debug and redaction', () => {
  const secretBridge = () =>
    fakeBridge({
      'GPMiniAppAuth.getAuthCode': ok({ authCode: SECRET }),
      'GP.getBankAccountToken': ok({ token: SECRET }),
      'GPCamera.takePhoto': ok({ localPath: '/p', base64Data: SECRET }),
      'X.echo': ok({ nested: { auth_code: SECRET, list: [{ accessToken: SECRET }] } }),
    });

  it('debug: true logs method, outcome and ms through console.debug, with secrets redacted', async () => {
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const gp = createGoPay({ bridge: secretBridge(), debug: true });
    await gp.getAuthCode();
    await gp.withAuthCode(() => {}).catch(() => {});
    await gp.getBankAccountToken();
    await gp.takePhoto({ mode: 'camera', needBase64: true });
    await gp.call('X', 'echo', { authCode: SECRET });
    expect(debug).toHaveBeenCalled();
    expect(debug.mock.calls[0]![0]).toMatch(/^\[gopay\] GPMiniAppAuth\.getAuthCode ok \d+ms$/);
    expect(JSON.stringify(debug.mock.calls)).not.toContain('S3CRET');
    expect(JSON.stringify(debug.mock.calls)).toContain('[redacted]');
  });

  it('a debug function, call and settle events never see a code, token or base64 data', async () => {
    const entries: SettleEvent[] = [];
    const seen: unknown[] = [];
    const gp = createGoPay({ bridge: secretBridge(), debug: (e) => entries.push(e) });
    gp.on('call', (e) => seen.push(e));
    gp.on('settle', (e) => seen.push(e));
    await gp.getAuthCode();
    await gp.withAuthCode(() => {});
    await gp.getBankAccountToken();
    await gp.takePhoto({ mode: 'camera', needBase64: true });
    await gp.call('X', 'echo', { authCode: SECRET });
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({
      className: 'GPMiniAppAuth',
      methodName: 'getAuthCode',
      ok: true,
      ms: expect.any(Number),
      result: { authCode: '[redacted]' },
    });
    expect(entries[4]).toMatchObject({
      params: { authCode: '[redacted]' },
      result: { nested: { auth_code: '[redacted]', list: [{ accessToken: '[redacted]' }] } },
    });
    expect(JSON.stringify([entries, seen])).not.toContain('S3CRET');
  });

  it('a debug entry for a failure carries the error', async () => {
    const entries: SettleEvent[] = [];
    await createGoPay({ bridge: fakeBridge({}, failWith('300')), debug: (e) => entries.push(e) })
      .getLocation()
      .catch(() => {});
    expect(entries[0]).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });

  it('with no debug and no call or settle listener, the params are not even read (nothing is built for nobody)', async () => {
    let reads = 0;
    const params = {
      get secret() {
        reads++;
        return 'x';
      },
    };
    const gp = createGoPay({ bridge: fakeBridge({}, ok({})) });
    await gp.call('A', 'b', params);
    expect(reads).toBe(0);
    const off = gp.on('call', () => {});
    await gp.call('A', 'b', params);
    expect(reads).toBe(1);
    off();
  });

  it('with no debug and no listener, nothing is logged', async () => {
    const debug = vi.spyOn(console, 'debug');
    await createGoPay({ bridge: fakeBridge({}, ok({})) }).call('A', 'b');
    expect(debug).not.toHaveBeenCalled();
  });
});
