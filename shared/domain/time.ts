/**
 * Time in the business's zone, in one import: wall clock ↔ instant (`zoned-time.ts`, on `@date-fns/tz`)
 * and the business-hours rules (`business-hours.ts`).
 */
export {
  addBusinessDaysAtOpening,
  closingTime,
  endOfBusinessDay,
  isWithinHours,
  nextOpening,
} from './business-hours';
export {
  addMinutes,
  formatLocal,
  type LocalParts,
  localDate,
  localParts,
  type WallTime,
  zonedTimeToInstant,
} from './zoned-time';
