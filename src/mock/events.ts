// The bridge's events (sensor readings, file saves). GoPay's bridge dispatches them on `document` as CustomEvents,
// and so does the mock in a browser. Where there is no document (Node, SSR tests), the mock carries them itself, on
// an eventemitter3 bus behind an addEventListener/removeEventListener pair, which is what the core listens with.
import { EventEmitter } from 'eventemitter3';
import type { MockBridgeEvent, MockBridgeListener } from './options';

export function createBridgeEvents() {
  const bus = new EventEmitter<Record<string, [MockBridgeEvent]>>();
  // EventTarget's rules: the same listener added twice for a type is one registration, and removing it removes that
  // registration only. eventemitter3's off(fn) would remove every registration of fn, so each gets its own wrapper.
  const wrappers = new Map<string, Map<MockBridgeListener, (event: MockBridgeEvent) => void>>();

  const addEventListener = (type: string, listener: MockBridgeListener) => {
    const ofType = wrappers.get(type) ?? new Map<MockBridgeListener, (event: MockBridgeEvent) => void>();
    wrappers.set(type, ofType);
    if (ofType.has(listener)) return;
    const wrapper = (event: MockBridgeEvent) => {
      try {
        if (typeof listener === 'function') listener(event);
        else listener.handleEvent(event);
      } catch (error) {
        // As EventTarget does: a listener that throws is reported on its own task and stops nothing else.
        setTimeout(() => {
          throw error;
        });
      }
    };
    ofType.set(listener, wrapper);
    bus.on(type, wrapper);
  };

  const removeEventListener = (type: string, listener: MockBridgeListener) => {
    const wrapper = wrappers.get(type)?.get(listener);
    if (!wrapper) return;
    wrappers.get(type)!.delete(listener);
    bus.off(type, wrapper);
  };

  const dispatch = (type: string, detail: unknown) => {
    if (typeof document !== 'undefined') document.dispatchEvent(new CustomEvent(type, { detail }));
    else bus.emit(type, { type, detail });
  };

  return { addEventListener, removeEventListener, dispatch };
}
