export const BOSS_SCHEMA = "pgboss";
