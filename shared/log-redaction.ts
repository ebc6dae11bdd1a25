/**
 * Keeps personal data out of logs (docs/product-rules.md §10). Pure: the logger's formatter runs every attribute it
 * emits through `redact`, so a careless `logger.info('...', { lead })` still prints no name, phone,
 * email, address or free text. Two rules:
 * - by key: the value of a key that names personal data (`fullName`, `phone`, `to`, `notes`, `body`...,
 *   any case, at any depth) becomes `[redacted]`, whatever its type;
 * - by pattern: inside every other string, phone numbers become `[phone]` and email addresses
 *   `[email]`. Lead ids, ISO timestamps, UUIDs and ARNs are left as they are.
 * Errors keep their class name and code location; their message and stack text go through the
 * pattern rule.
 */

/** What replaces the value of a key that names personal data. */
export const REDACTED = '[redacted]';
/** What replaces a phone number found inside a string. */
export const PHONE_MASK = '[phone]';
/** What replaces an email address found inside a string. */
export const EMAIL_MASK = '[email]';

/**
 * Keys (lower case) whose values are personal data or free text a person wrote: the lead's contact
 * fields, message recipients, subjects and bodies, notes, rejection text, timeline summaries (they
 * name people) and person references (`to`/`from` carry a name).
 */
export const PERSONAL_KEYS: ReadonlySet<string> = new Set([
  'fullname',
  'name',
  'firstname',
  'lastname',
  'customername',
  'phone',
  'phonenumber',
  'to',
  'from',
  'email',
  'emailaddress',
  'address',
  'serviceaddress',
  'notes',
  'note',
  'body',
  'subject',
  'referredby',
  'text',
  'summary',
]);

/** A `name` value that is an error class (`TransientError`, `ConditionalCheckFailedException`), not a person. */
const ERROR_CLASS_NAME = /^[A-Za-z]*(?:Error|Exception)$/;

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ISO_TIMESTAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`;
const ARN = String.raw`arn:[\w-]+:[\w-]*:[\w-]*:\d*:[^\s"',]+`;
const LEAD_ID = '(?<![0-9A-Za-z])[0-9A-Z]{26}(?![0-9A-Za-z])';
const EMAIL = String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`;
/** International: a `+`, then digits and the usual separators (digits counted in the replacer). */
const PHONE_INTERNATIONAL = String.raw`\+\d[\d\s().-]{5,22}\d(?!\d)`;
/** North American national formats: (512) 555-0199, 512-555-0199, 512.555.0199, 1 512 555 0199. */
const PHONE_NATIONAL = String.raw`(?<![\w+])(?:1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?!\w)`;
/** Any other run of 10 to 15 digits standing alone. */
const DIGIT_RUN = String.raw`(?<![\w+])\d{10,15}(?!\w)`;

/**
 * One scan, left to right: at each position the protected shapes are tried first, so a UUID's last
 * group or an ARN's account id is consumed whole and never read as a phone number.
 */
const SCAN = new RegExp(
  [
    `(?<keep>${UUID}|${ISO_TIMESTAMP}|${ARN}|${LEAD_ID})`,
    `(?<email>${EMAIL})`,
    `(?<intl>${PHONE_INTERNATIONAL})`,
    `(?<phone>${PHONE_NATIONAL}|${DIGIT_RUN})`,
  ].join('|'),
  'g',
);

const digitCount = (text: string): number => text.replace(/\D/g, '').length;

/** Masks phone numbers and email addresses inside free text; everything else is left as is. */
export const redactText = (text: string): string =>
  text.replace(SCAN, (match: string, ...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    if (groups.email !== undefined) return EMAIL_MASK;
    // Fewer than 8 digits after a `+` is no phone number (`+5 (3)`); more than 15 is one followed by
    // other digits, masked whole rather than risk leaving the number readable.
    if (groups.intl !== undefined) return digitCount(match) >= 8 ? PHONE_MASK : match;
    if (groups.phone !== undefined) return PHONE_MASK;
    return match;
  });

/** Whether the value under `key` is personal data as a whole. */
const isPersonalKey = (key: string, value: unknown): boolean => {
  const lower = key.toLowerCase();
  if (!PERSONAL_KEYS.has(lower)) return false;
  if (value === undefined || value === null) return false;
  return !(lower === 'name' && typeof value === 'string' && ERROR_CLASS_NAME.test(value));
};

/** `file:line` of the first stack frame, as Powertools prints an error's `location`. */
const codeLocation = (stack: string | undefined): string | undefined => {
  for (const line of stack?.split('\n') ?? []) {
    const match = /\(([^()]*?):(\d+?):(\d+?)\)\\?$/.exec(line);
    if (match) return `${match[1]}:${Number(match[2])}`;
  }
  return undefined;
};

const redactEntries = (source: object, seen: WeakSet<object>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    out[key] = isPersonalKey(key, value) ? REDACTED : redactValue(value, seen);
  }
  return out;
};

/** An error in the shape Powertools logs (`name`, `location`, `message`, `stack`, `cause`, own fields). */
const redactError = (error: Error, seen: WeakSet<object>): Record<string, unknown> => {
  const { name, message, stack } = error;
  const location = codeLocation(stack);
  const out: Record<string, unknown> = {
    name: ERROR_CLASS_NAME.test(name) ? name : redactText(name),
    ...(location ? { location: redactText(location) } : {}),
    message: redactText(message),
    ...(stack ? { stack: redactText(stack) } : {}),
  };
  if (error.cause !== undefined) out.cause = redactValue(error.cause, seen);
  for (const [key, value] of Object.entries(redactEntries(error, seen))) {
    if (!['name', 'message', 'stack', 'cause'].includes(key)) out[key] = value;
  }
  return out;
};

const hasToJson = (value: object): value is { toJSON: () => unknown } =>
  typeof (value as { toJSON?: unknown }).toJSON === 'function';

const redactValue = (value: unknown, seen: WeakSet<object>): unknown => {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof Error) return redactError(value, seen);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
    if (value instanceof Map) return redactEntries(Object.fromEntries(value), seen);
    if (value instanceof Set) return [...value].map((item) => redactValue(item, seen));
    if (hasToJson(value)) return redactValue(value.toJSON(), seen);
    return redactEntries(value, seen);
  } finally {
    seen.delete(value);
  }
};

/**
 * A deep copy of log attributes with personal data masked (see the module comment for the rules).
 * Errors become plain objects in Powertools' error shape, so nothing downstream re-reads the raw error.
 */
export const redact = (value: unknown): unknown => redactValue(value, new WeakSet());
