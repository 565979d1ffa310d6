// The public API of `gopay-miniapp-kit/mock`. Never imported by the core entry.
export { createMockBridge, installMockBridge } from './bridge';
export type { MockBridge, MockBridgeOptions, MockCall, MockData, MockPaymentStatus, MockResult, MockScenario } from './options';
