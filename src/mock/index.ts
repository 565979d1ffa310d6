// The public API of `gopay-miniapp-kit/mock`. Never imported by the core entry.
export { createMockBridge, installMockBridge } from './bridge';
export { envelope } from './envelopes';
export type {
  MockBridge,
  MockBridgeEvent,
  MockBridgeListener,
  MockBridgeOptions,
  MockCall,
  MockData,
  MockEnvelope,
  MockPaymentStatus,
  MockResult,
  MockScenario,
} from './options';
