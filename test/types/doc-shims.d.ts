// What the documentation's recipes take from around them, for scripts/doc-examples.mjs: Node's `process.env`,
// Cloudflare's KVNamespace (as far as the Worker recipe uses it), and your application's own code (sessions,
// orders, handled notifications). Express and Hono are checked against their real types (@types/express, hono).
declare const process: { env: Record<string, string | undefined> };

/** Cloudflare Workers KV, as far as the recipe uses it. */
interface KVNamespace {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

// Your application's own code, which the recipes call: sessions, orders and a set of notifications already handled.
interface Session {
  id: string;
  gopayAccountId: string;
  authToken: string;
}
declare const sessions: {
  create(data: { gopayAccountId: string; authToken: string; name?: string }): Promise<Session>;
  fromCookie(cookie: string | null | undefined): Promise<Session>;
};
declare const orders: {
  create(session: Session, items: unknown): Promise<{ id: string; total: number }>;
  setStatus(orderId: string, status: string): Promise<void>;
};
/** Resolves true the first time a key is added (a unique insert), false after. */
declare const handled: { add(key: string): Promise<boolean> };
