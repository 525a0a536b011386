import { AppConfig } from '#config';
import { runMigrations } from '../migrator.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL and exits. */
const config = AppConfig.fromEnv(process.env);
const ran = await runMigrations(config.databaseUrl, (m) => console.log(m));
console.log(ran.length ? `${ran.length} migration(s) applied` : 'database is up to date');
