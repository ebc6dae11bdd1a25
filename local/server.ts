/**
 * The local HTTP server: the API (through the emulated gateway) plus local-only pages. API Gateway
 * refuses bodies over 10 MB before any function runs; so does this server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoForm, thanksPage } from '../shared/web/demo-form';
import type { LocalApp } from './app';
import { reachableUrl } from './public-url';
import { StartupError } from './startup-error';

const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

export type LocalPage = (request: {
  method: string;
  url: URL;
  body: string;
}) => Promise<{ statusCode: number; headers: Record<string, string>; body: string } | undefined>;

const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= GATEWAY_MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > GATEWAY_MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });

const send = (res: ServerResponse, statusCode: number, headers: Record<string, string>, body: string) => {
  res.writeHead(statusCode, headers);
  res.end(body);
};

/** Local-only pages (demo form); extra pages (e.g. the local clock and outbox) can be added by callers. */
export const basePages =
  (app: LocalApp): LocalPage =>
  async ({ method, url }) => {
    if (method === 'GET' && url.pathname === '/') {
      const config = await app.deps.config.load();
      return {
        statusCode: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: demoForm(config, url.origin, 'local-web-form-key'),
      };
    }
    if (method === 'GET' && url.pathname === '/thanks') {
      const body = thanksPage(url.searchParams.get('leadId') ?? '', url.searchParams.get('status') ?? '');
      return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
    }
    return undefined;
  };

/** Why the server could not listen, in one line with the fix. */
const listenProblem = (error: NodeJS.ErrnoException, host: string, port: number): Error => {
  const other = port === 3000 ? 3001 : 3000;
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartupError(
        `Port ${port} is in use (another runner?): stop it, or start on another port: npm start -- --port ${other} (or PORT=${other}).`,
      );
    case 'EACCES':
      return new StartupError(
        `Port ${port} needs special rights here: use a port above 1023, e.g. npm start -- --port ${other}.`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartupError(
        `HOST=${host} is not an address of this machine: use HOST=127.0.0.1 (this machine only) or HOST=0.0.0.0 (phones on the same network).`,
      );
    default:
      return error;
  }
};

export const startServer = async (
  app: LocalApp,
  options: {
    port: number;
    /** The address to listen on (default 127.0.0.1; `0.0.0.0` for every interface). */
    host?: string;
    /** The base URL links point at, when not the address the server is reachable on (`PUBLIC_URL`). */
    publicUrl?: string;
    pages?: LocalPage[];
    /** Run what became due after each API request before answering (manual clock: messages flow at once). */
    settleAfterRequest?: boolean;
  },
): Promise<{ server: Server; url: string; close(): Promise<void> }> => {
  const pages = [...(options.pages ?? []), basePages(app)];
  const server = createServer(async (req, res) => {
    try {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      } catch {
        // As API Gateway: a request it cannot read (here a malformed Host) is the client's error.
        return send(res, 400, { 'content-type': 'application/json' }, '{"error":"bad_request"}');
      }
      const method = req.method ?? 'GET';
      const bytes = await readBody(req);
      if (bytes === undefined)
        return send(res, 413, { 'content-type': 'application/json' }, '{"error":"payload_too_large"}');
      const body = bytes.toString('utf8');
      // Bytes that are not UTF-8 (a body in a declared charset such as Latin-1) reach the handler intact.
      const intact = Buffer.from(body, 'utf8').equals(bytes);
      for (const local of pages) {
        const answer = await local({ method, url, body });
        if (answer) return send(res, answer.statusCode, answer.headers, answer.body);
      }
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers[key] = value;
        else if (Array.isArray(value)) headers[key] = value.join(', ');
      }
      const response = await app.gateway.handle({
        method,
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: intact ? body : bytes.toString('base64'),
        isBase64Encoded: !intact,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      });
      if (options.settleAfterRequest) await app.runtime.runDue();
      send(res, response.statusCode, response.headers, response.body);
    } catch (error) {
      console.error('local server error', error);
      send(res, 500, { 'content-type': 'application/json' }, '{"error":"internal_error"}');
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenProblem(error, host, options.port));
    server.once('error', failed);
    server.listen(options.port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = reachableUrl(host, port, options.publicUrl);
  app.setPublicBaseUrl(url);
  return {
    server,
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
