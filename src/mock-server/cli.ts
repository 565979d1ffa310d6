// `gopay-mock-server [--port 8787] [--notify-url URL]`: the mock GoPay server on a port, and the merchant
// credentials it accepts printed as .env lines for the developer's backend. Development only.
import { createMockServer } from './create';
import type { MockNotification, MockNotificationAttempt } from './types';
import { serve } from './listen';

// The Node globals the CLI uses, typed by hand (the package's sources are compiled without Node's types).
declare const process: {
  argv: string[];
  exitCode?: number;
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void;
  exit(code?: number): never;
};

const USAGE = `Usage: gopay-mock-server [--port 8787] [--notify-url URL]

Starts a local stand-in for GoPay's backend (Mini App APIs and BI-SNAP payments) on 127.0.0.1.
  --port N          the port to listen on (default 8787; 0 = any free port)
  --notify-url URL  your backend's payment notification endpoint, e.g. http://localhost:3000/v1.0/debit/notify
  --help            this text`;

interface Args {
  port: number;
  notifyUrl?: string;
  help: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { port: 8787, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value.`);
      return next;
    };
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--port' || flag === '-p') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number (0–65535).`);
      args.port = port;
    } else if (flag === '--notify-url') args.notifyUrl = value();
    else throw new Error(`Unknown argument ${flag}.`);
  }
  return args;
}

/** A value as one .env line: PEM keys keep their line breaks as \n inside double quotes. */
function env(name: string, value: string): string {
  return `${name}=${/[\s"#]/.test(value) ? JSON.stringify(value) : value}`;
}

/** One line per notification attempt: which payment, which status, and what the merchant answered. */
function notificationLine(notification: MockNotification, attempt: MockNotificationAttempt): string {
  const answer = attempt.status
    ? `${attempt.status}${attempt.responseCode ? ` ${attempt.responseCode}` : ''}`
    : `no answer (${attempt.error})`;
  const retry = attempt.status >= 200 && attempt.status < 300 ? '' : ' (will retry)';
  return `notify ${notification.latestTransactionStatus} ${notification.referenceNo} → ${answer}${retry}`;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const mock = await createMockServer(
    { notifyUrl: args.notifyUrl },
    { onNotificationAttempt: (notification, attempt) => console.log(notificationLine(notification, attempt)) },
  );
  // Served through a handler that prints one line per request, with SNAP's responseCode: refusals are visible.
  async function logged(request: Request): Promise<Response> {
    const response = await mock.fetch(request);
    const answer = response.headers.get('content-type')?.includes('json')
      ? await response
          .clone()
          .json()
          .catch(() => undefined)
      : undefined;
    const code = typeof answer?.responseCode === 'string' ? ` ${answer.responseCode} ${answer.responseMessage ?? ''}` : '';
    const description = answer?.error?.description ? ` ${answer.error.description}` : '';
    console.log(`${request.method} ${new URL(request.url).pathname} → ${response.status}${code}${description}`.trimEnd());
    return response;
  }
  const listening = await serve(logged, args.port).catch((error: Error & { code?: string }) => {
    throw error.code === 'EADDRINUSE' ? new Error(`Port ${args.port} is in use: pass --port 0 for any free port.`) : error;
  });
  const url = listening.url;
  const { merchant } = mock;
  console.log(
    [
      `GoPay mock server listening on ${url} (development only: state in memory; the published development credentials below)`,
      `Notifications go to ${args.notifyUrl ?? 'nowhere yet: pass --notify-url http://localhost:3000/v1.0/debit/notify'}`,
      '',
      '# .env for your backend (local use only)',
      env('GOPAY_BASE_URL', url),
      env('GOPAY_CREDENTIALS', merchant.credentials),
      env('SNAP_BASE_URL', url),
      env('SNAP_CLIENT_ID', merchant.clientId),
      env('SNAP_PARTNER_ID', merchant.partnerId),
      env('SNAP_CLIENT_SECRET', merchant.clientSecret),
      env('SNAP_MERCHANT_ID', merchant.merchantId),
      env('SNAP_PRIVATE_KEY', merchant.privateKey),
      env('GOPAY_POP_ID', merchant.pointOfPurchaseId),
      env('GOPAY_NOTIFICATION_PUBLIC_KEY', mock.notificationPublicKey),
      '',
      `# Your page: createMockBridge({ server: '${url}' })`,
      '',
      'Requests and notifications:',
    ].join('\n'),
  );
  function stop(): void {
    void Promise.all([mock.close(), listening.close()]).then(() => process.exit(0));
  }
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`gopay-mock-server: ${error.message}`);
  process.exitCode = 1;
});
