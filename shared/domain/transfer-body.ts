/**
 * The body of a transfer (`POST /leads/{id}/transfer`): who takes the lead, why, and optionally what
 * they do next. Declared once: the leads service validates with it and the OpenAPI description is
 * generated from it.
 */
import * as z from 'zod';
import { cleanText } from './text-cleaning';

/** A one-line text without control, bidi or zero-width characters (`cleanText`), trimmed. */
const cleanLine = () => z.string().transform((text) => cleanText(text).trim());

export const transferSchema = z.strictObject({
  to: z.string().min(1, 'name the roster id of the new owner').describe('Roster id of the new owner'),
  reason: cleanLine()
    .pipe(z.string().min(5, 'say why the lead is transferred').max(500))
    .describe('Why the lead is transferred (5–500 characters)'),
  nextAction: cleanLine()
    .pipe(z.string().min(1).max(500))
    .optional()
    .describe('A specific next action for the new owner'),
});
