// The QDS rules of ./qds.ts as SQL expressions, generated from the same table
// so the two cannot drift apart. Only numbers from that constant table are
// inlined; nothing here ever sees user input.
import { SEVERITY_QDS } from "./qds";

const clamp = (expression: string) => `LEAST(100, GREATEST(1, ${expression}))`;

/** Effective QDS of the finding row `alias` (see effectiveQds). */
export function effectiveQdsSql(alias: string): string {
  const severity = Object.entries(SEVERITY_QDS)
    .map(([level, qds]) => `WHEN ${Number(level)} THEN ${Number(qds)}`)
    .join(" ");
  return (
    `(CASE WHEN ${alias}.qds > 0 THEN ${clamp(`${alias}.qds`)}` +
    ` WHEN ${alias}."cvss3Base" > 0 THEN ${clamp(`round((${alias}."cvss3Base" * 10)::numeric)::int`)}` +
    ` WHEN ${alias}."cvssBase" > 0 THEN ${clamp(`round((${alias}."cvssBase" * 10)::numeric)::int`)}` +
    ` ELSE CASE LEAST(5, GREATEST(1, ${alias}.severity)) ${severity} END END)`
  );
}

/** Where the effective QDS came from: 'source' | 'cvss3' | 'cvss2' | 'severity'. */
export function qdsOriginSql(alias: string): string {
  return (
    `(CASE WHEN ${alias}.qds > 0 THEN 'source' WHEN ${alias}."cvss3Base" > 0 THEN 'cvss3'` +
    ` WHEN ${alias}."cvssBase" > 0 THEN 'cvss2' ELSE 'severity' END)`
  );
}
