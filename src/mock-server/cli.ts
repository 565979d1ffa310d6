// `gopay-mock-server`: the mock GoPay server on a port.
export {};
