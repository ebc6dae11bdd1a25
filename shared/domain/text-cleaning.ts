/**
 * What text a person typed may carry into the store, and from there into SMS, email and pages
 * (docs/product-rules.md §2 "control characters"). One rule for every input: intake, `PATCH`, page forms.
 */

/** Line and paragraph separators, and CR/LF pairs: each one line break. */
const LINE_BREAKS = /\r\n|[\r\u2028\u2029\u0085]/g;

/**
 * Invisible characters removed everywhere: control characters (`Cc`, C0 and C1, except tab and line
 * feed, handled below), format characters (`Cf`: the bidi overrides and isolates U+202A–U+202E,
 * U+2066–U+2069, the marks U+200E/U+200F/U+061C, zero-width space, joiners and non-joiner
 * U+200B–U+200D, word joiner U+2060, byte-order mark U+FEFF, soft hyphen U+00AD, tag characters) and
 * lone surrogates (`Cs`, which no encoding can store).
 */
const INVISIBLE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Cs}]/gu;

/** Line breaks and tabs: controls that `cleanText` turns into a line break or a space rather than removing. */
const INVISIBLE_BUT_SPACING = /(?![\t\n\r\u0085])[\p{Cc}\p{Cf}\p{Cs}]/u;

/** True if `cleanText` would remove something from `text` (a control, bidi or zero-width character). */
export const carriesInvisible = (text: string): boolean => INVISIBLE_BUT_SPACING.test(text);

/**
 * `text` without control, bidi and zero-width characters. A tab becomes a space; with `multiline`
 * (notes) line breaks are kept as `\n`, otherwise each becomes a space too. Zero-width joiners go as
 * well, so an emoji sequence such as 👩‍🔧 reads as its parts (👩🔧). Trimming is the caller's.
 */
export const cleanText = (text: string, options: { multiline?: boolean } = {}): string => {
  const lines = text.replace(LINE_BREAKS, '\n').replace(INVISIBLE, '');
  const spaced = options.multiline ? lines : lines.replace(/\n/g, ' ');
  return spaced.replace(/\t/g, ' ');
};
