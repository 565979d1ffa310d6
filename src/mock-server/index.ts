// The public API of `gopay-miniapp-kit/mock-server`: a local stand-in for GoPay's backend (development only).
export {};
