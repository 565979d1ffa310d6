// Minimal stand-ins for what the recipes use from Express, Hono, Cloudflare Workers and Node, so that
// `npx tsc -p test/server/tsconfig.json` checks the recipes without installing those packages. Only the members
// the recipes call are declared, with the signatures the real packages have.
declare const process: { env: Record<string, string | undefined> };

declare module 'express' {
  export interface Request {
    method: string;
    originalUrl: string;
    headers: Record<string, string | string[] | undefined>;
    body: any;
  }
  export interface Response {
    status(code: number): Response;
    json(body: unknown): Response;
    cookie(name: string, value: string, options?: { httpOnly?: boolean; secure?: boolean; sameSite?: 'lax' | 'strict' | 'none' }): Response;
  }
  type Handler = (req: Request, res: Response) => unknown;
  export interface Application {
    post(path: string, ...handlers: Handler[]): Application;
    listen(port: number): unknown;
  }
  interface Express {
    (): Application;
    json(): Handler;
    raw(options: { type: string }): Handler;
  }
  const express: Express;
  export default express;
}

declare module 'hono' {
  export interface Context<E extends { Bindings: object }> {
    env: E['Bindings'];
    req: { raw: Request; json<T = any>(): Promise<T>; header(name: string): string | undefined };
    json(body: unknown, status?: number): Response;
  }
  export class Hono<E extends { Bindings: object } = { Bindings: object }> {
    post(path: string, handler: (c: Context<E>) => Response | Promise<Response>): this;
    fetch: (request: Request, env: E['Bindings']) => Promise<Response>;
  }
}

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
