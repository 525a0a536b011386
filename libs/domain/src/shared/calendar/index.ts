export * from './calendar.entities.js';
export {
  type QuietPeriodRow,
  QUIET_PERIOD_ON_DATE_SQL,
  allQuietPeriods,
  deleteQuietPeriodExtension,
  insertQuietPeriodExtension,
  lockQuietPeriod,
  lockQuietPeriodsExclusive,
  lockQuietPeriodsShared,
  markQuietPeriodCancelled,
  overlappingQuietPeriod,
  proposalsExtendedBy,
  quietPeriodExtensionsOf,
  quietPeriodOn,
  quietPeriodsEndingFrom,
} from './calendar.queries.js';
export * from './quiet-periods.js';
export * from './working-calendar.service.js';
