/**
 * The address printed links point at: the host the server is reachable on. Listening on every
 * interface (`0.0.0.0`), that is this machine's first non-internal IPv4 address, so a phone on the same
 * network can open a link from an SMS; on a loopback address, `localhost`. `PUBLIC_URL` overrides it
 * (a tunnel, a name on the local network).
 */
import { networkInterfaces } from 'node:os';
import { StartupError } from './startup-error';

const EVERY_INTERFACE = new Set(['0.0.0.0', '::', '']);
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** This machine's first non-internal IPv4 address, if it has one. */
export const lanAddress = (): string | undefined => {
  for (const addresses of Object.values(networkInterfaces())) {
    const address = (addresses ?? []).find((a) => a.family === 'IPv4' && !a.internal);
    if (address) return address.address;
  }
  return undefined;
};

/** The base URL for links, e.g. `http://192.168.1.20:3000` (no trailing slash). */
export const reachableUrl = (host: string, port: number, publicUrl?: string): string => {
  if (publicUrl !== undefined) return checkedPublicUrl(publicUrl);
  const name = EVERY_INTERFACE.has(host)
    ? (lanAddress() ?? 'localhost')
    : LOOPBACK.test(host)
      ? 'localhost'
      : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
};

/** `PUBLIC_URL` as a base URL, or a `StartupError` saying what it should look like. */
export const checkedPublicUrl = (value: string): string => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new StartupError(
      `PUBLIC_URL=${value} is not a base URL: give one like http://192.168.1.20:3000 (links become <PUBLIC_URL>/h/...).`,
    );
  }
  return url.href.replace(/\/+$/, '');
};
