/**
 * From a request body's bytes to text and fields: the declared charset (or 415), urlencoded pairs
 * decoded in that charset, and the shape limits (nesting depth, number of fields) checked on the raw text
 * before anything parses, hashes or stores it. `request.ts` puts these together.
 */
import { UnsupportedMediaTypeError, ValidationError } from '../errors';

/** How deep and how wide a body may be. */
export interface ShapeLimits {
  /** Objects and arrays inside each other: a lead is 2 deep (`consent`), the config about 6. */
  maxDepth: number;
  /** Object members (JSON) or fields (form) in the whole body. */
  maxKeys: number;
}

/** A charset a body may be sent in, and how its bytes are read. */
export interface Charset {
  /** The label as the client sent it, lower-cased (`iso-8859-1`), or `utf-8` when none was sent. */
  label: string;
  declared: boolean;
  /** The WHATWG encoding it names (`iso-8859-1`, `latin1` and `us-ascii` all read as `windows-1252`). */
  encoding: string;
}

/** Encodings refused: not ASCII-compatible (UTF-16), so neither JSON nor a form can be read from them. */
const REFUSED_ENCODINGS: ReadonlySet<string> = new Set(['utf-16le', 'utf-16be']);

const refuseCharset = (label: string): UnsupportedMediaTypeError =>
  new UnsupportedMediaTypeError(
    `Charset ${label} is not supported; send UTF-8 (or declare iso-8859-1, windows-1252 or another single-byte charset)`,
  );

/** The `charset` parameter of a Content-Type header; UTF-8 when there is none. 415 for one we cannot read. */
export const charsetOf = (contentType: string | undefined): Charset => {
  const param = (contentType ?? '')
    .split(';')
    .slice(1)
    .map((part) => part.trim())
    .find((part) => part.toLowerCase().startsWith('charset='));
  if (param === undefined) return { label: 'utf-8', declared: false, encoding: 'utf-8' };
  const label = param
    .slice('charset='.length)
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
  let encoding: string;
  try {
    encoding = new TextDecoder(label).encoding;
  } catch {
    throw refuseCharset(label.slice(0, 40));
  }
  if (REFUSED_ENCODINGS.has(encoding)) throw refuseCharset(label);
  return { label, declared: true, encoding };
};

/**
 * What windows-1252 puts at bytes 0x80–0x9F (the WHATWG index; the rest is Latin-1). Written out because
 * Node's `TextDecoder('windows-1252')` reads those bytes as C1 controls, as plain Latin-1 would.
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const decodeWindows1252 = (bytes: Uint8Array): string =>
  Buffer.from(bytes)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] ?? char);

const decodeIn = (encoding: string, bytes: Uint8Array): string =>
  encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);

/**
 * `bytes` as text in `charset`. Declared UTF-8 must be valid UTF-8 (else 415); with no charset declared,
 * bytes that are not valid UTF-8 are read as windows-1252, which is what a legacy page's form sends.
 */
export const decodeText = (bytes: Uint8Array, charset: Charset): string => {
  if (charset.encoding !== 'utf-8') return decodeIn(charset.encoding, bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    if (!charset.declared) return decodeWindows1252(bytes);
    throw new UnsupportedMediaTypeError(
      'The body is not valid UTF-8; send UTF-8 or declare the charset it is in',
      { cause: error },
    );
  }
};

const PLUS = 0x2b;
const PERCENT = 0x25;
const SPACE = 0x20;

const hexValue = (byte: number | undefined): number | undefined => {
  if (byte === undefined) return undefined;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return undefined;
};

/** One urlencoded name or value: `+` is a space, `%XX` a byte, then the bytes read in `charset`. */
const decodeComponent = (bytes: Uint8Array, charset: Charset): string => {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i] ?? 0;
    const high = byte === PERCENT ? hexValue(bytes[i + 1]) : undefined;
    const low = byte === PERCENT ? hexValue(bytes[i + 2]) : undefined;
    if (high !== undefined && low !== undefined) {
      out.push(high * 16 + low);
      i += 2;
    } else out.push(byte === PLUS ? SPACE : byte);
  }
  return decodeText(Uint8Array.from(out), charset);
};

const splitBytes = (bytes: Uint8Array, separator: number): Uint8Array[] => {
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i === bytes.length || bytes[i] === separator) {
      parts.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  return parts;
};

/**
 * The name/value pairs of an `application/x-www-form-urlencoded` body, each decoded in `charset` (the
 * URL standard's parser, with the charset honoured instead of always UTF-8). More than `maxKeys` fields
 * is a 400.
 */
export const formPairs = (bytes: Uint8Array, charset: Charset, maxKeys: number): [string, string][] => {
  const parts = splitBytes(bytes, 0x26).filter((part) => part.length > 0);
  if (parts.length > maxKeys) throw tooManyFields(maxKeys);
  return parts.map((part) => {
    const equals = part.indexOf(0x3d);
    const name = equals === -1 ? part : part.subarray(0, equals);
    const value = equals === -1 ? new Uint8Array() : part.subarray(equals + 1);
    return [decodeComponent(name, charset), decodeComponent(value, charset)];
  });
};

const tooManyFields = (maxKeys: number): ValidationError =>
  new ValidationError('The body has too many fields', [
    { path: 'body', message: `more than ${maxKeys} fields` },
  ]);

/**
 * Checks JSON text against the shape limits without parsing it (nothing recursive runs on it): depth of
 * objects and arrays, and the number of object members (one `:` outside strings each).
 */
export const checkJsonShape = (text: string, limits: ShapeLimits): void => {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > limits.maxDepth) {
        throw new ValidationError('The body is nested too deeply', [
          { path: 'body', message: `nested deeper than ${limits.maxDepth} levels` },
        ]);
      }
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
    else if (char === 0x3a) {
      keys += 1;
      if (keys > limits.maxKeys) throw tooManyFields(limits.maxKeys);
    }
  }
};
