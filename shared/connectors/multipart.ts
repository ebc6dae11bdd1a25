/**
 * A small `multipart/form-data` reader (RFC 7578) for the text fields of a webhook body, such as
 * Jotform's. Bounded: the body is already capped by the hook handler, parts are capped here, and
 * file parts are skipped. Anything malformed reads as undefined, never as an exception.
 */

/** Most parts read from one body; a body with more is malformed for a webhook. */
const MAX_PARTS = 500;

/** The boundary named in a `multipart/form-data` content type (RFC 2046: 1–70 characters). */
export const multipartBoundary = (contentType: string | undefined): string | undefined => {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
};

/** The part's field name from its `Content-Disposition: form-data; name="…"`, unless it is a file. */
const fieldName = (headers: string): string | undefined => {
  const disposition = headers
    .split(/\r?\n/)
    .find((line) => /^content-disposition\s*:/i.test(line))
    ?.replace(/^content-disposition\s*:\s*/i, '');
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) return undefined;
  if (/;\s*filename\*?=/i.test(disposition)) return undefined;
  const name = /;\s*name=(?:"([^"]*)"|([^\s;]+))/i.exec(disposition);
  return name?.[1] ?? name?.[2];
};

/**
 * The text fields of a `multipart/form-data` body (repeated names keep their first value), or
 * undefined when the content type is not multipart or the body does not follow its boundary.
 */
export const multipartFields = (
  body: Buffer,
  contentType: string | undefined,
): Record<string, string> | undefined => {
  const boundary = multipartBoundary(contentType);
  if (boundary === undefined) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = Object.create(null);
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (let parts = 0; parts <= MAX_PARTS; parts += 1) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return fields;
    const lineEnd = body.indexOf('\n', at);
    if (lineEnd < 0 || body.subarray(at, lineEnd).toString('latin1').trim() !== '') return undefined;
    const start = lineEnd + 1;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return undefined;
    const part = body.subarray(start, next);
    // The part ends with the line break before the next delimiter: CRLF, or a bare LF.
    const content = part.subarray(0, part.length - (part.subarray(-2).toString('latin1') === '\r\n' ? 2 : 1));
    const split = content.indexOf('\r\n\r\n');
    const headerEnd = split >= 0 ? split : content.indexOf('\n\n');
    if (headerEnd < 0) return undefined;
    const name = fieldName(content.subarray(0, headerEnd).toString('utf8'));
    const value = content.subarray(headerEnd + (split >= 0 ? 4 : 2)).toString('utf8');
    if (name !== undefined && !(name in fields)) fields[name] = value;
    at = next;
  }
  return undefined;
};
