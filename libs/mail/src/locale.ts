// The locales live in libs/i18n; re-exported here for code that imported them from #mail.
export { DEFAULT_LOCALE, LOCALES, type Locale, toLocale } from '#i18n';
