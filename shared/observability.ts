/**
 * One structured logger for the product (Powertools Logger, JSON). Log ids and codes, never personal
 * data: no names, phones, emails, addresses or free-text notes.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lead-handoff' });
