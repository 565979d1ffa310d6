// The one place where the mock server touches Node: it serves its web handler with node:http on 127.0.0.1.
// node:http is imported when listen() is called, so that `mock.fetch` works in any runtime; its types are written
// here by hand, since the package's sources are compiled without Node's.
import { checkInteger } from '../shared/checks';

interface NodeRequest extends AsyncIterable<Uint8Array> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
interface NodeResponse {
  writeHead(status: number, headers: Record<string, string>): void;
  end(body?: Uint8Array | string): void;
}
interface NodeSocket {
  end(data: string): void;
}
interface NodeServer {
  listen(port: number, host: string, listening: () => void): void;
  on(event: 'connect', listener: (req: NodeRequest, socket: NodeSocket) => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
  address(): { port: number } | string | null;
  close(done: () => void): void;
  closeAllConnections?(): void;
}
interface NodeHttp {
  createServer(handler: (req: NodeRequest, res: NodeResponse) => void): NodeServer;
}

export interface Listening {
  url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Methods a fetch Request cannot carry: answered here, as GoPay's gateway would, with 405. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const METHOD_NOT_ALLOWED = JSON.stringify({ error: 'Method Not Allowed' });

async function readBody(req: NodeRequest): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of req) {
    chunks.push(chunk);
    length += chunk.length;
  }
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return body;
}

async function toRequest(req: NodeRequest, base: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  // A fresh Uint8Array of its own length: its buffer is exactly the body.
  const body = method === 'GET' || method === 'HEAD' ? undefined : ((await readBody(req)).buffer as ArrayBuffer);
  return new Request(new URL(req.url ?? '/', base), { method, headers, body });
}

async function answer(handler: (request: Request) => Promise<Response>, req: NodeRequest, base: string): Promise<Response> {
  if (FORBIDDEN_METHODS.has((req.method ?? '').toUpperCase())) {
    return new Response(METHOD_NOT_ALLOWED, {
      status: 405,
      headers: { 'content-type': 'application/json', allow: 'GET, POST, PUT, DELETE' },
    });
  }
  let request: Request;
  try {
    request = await toRequest(req, base);
  } catch (error) {
    // A request that is no valid fetch Request (a header value fetch refuses, an unreadable body) is the client's fault.
    return new Response(JSON.stringify({ error: `Bad request: ${String((error as Error)?.message ?? error)}` }), { status: 400 });
  }
  return handler(request);
}

/** Serves `handler` on 127.0.0.1:`port` (0 = any free port). */
export async function serve(handler: (request: Request) => Promise<Response>, port: number): Promise<Listening> {
  // A literal specifier (the `as string` is erased), so bundlers see node:http and keep it external.
  const http: NodeHttp = await import('node:http' as string);
  let base = `http://${HOST}`;
  const server = http.createServer((req, res) => {
    answer(handler, req, base)
      .catch((error) => new Response(JSON.stringify({ error: String(error?.message ?? error) }), { status: 500 }))
      .then(async (response) => {
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => (headers[name] = value));
        res.writeHead(response.status, headers);
        res.end(new Uint8Array(await response.arrayBuffer()));
      })
      .catch(() => res.end());
  });
  // Without a listener node:http drops a CONNECT's connection; GoPay is no proxy: say so.
  server.on('connect', (_req, socket) => {
    socket.end(
      'HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${METHOD_NOT_ALLOWED.length}\r\nConnection: close\r\n\r\n${METHOD_NOT_ALLOWED}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolve);
  });
  const address = server.address();
  base = `http://${HOST}:${typeof address === 'object' && address ? address.port : port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

/** listen()/close()/url for one handler: one port at a time; `onClose` runs before the port closes. */
export function listenOnce(handler: (request: Request) => Promise<Response>, onClose: () => void) {
  let listening: Listening | undefined;
  return {
    url: () => listening?.url,
    async listen(port = 0): Promise<string> {
      checkInteger(port, 'mock.listen(port)', 0, 65535);
      if (listening) throw new Error(`The mock GoPay server is already listening on ${listening.url}.`);
      listening = await serve(handler, port);
      return listening.url;
    },
    async close(): Promise<void> {
      onClose();
      const current = listening;
      listening = undefined;
      await current?.close();
    },
  };
}
