// Structured one-line JSON logs. Never pass secrets here: values under keys
// that look like credentials are masked as a last line of defence.
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|credential|key$/i;

function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error)
    return { name: value.name, message: value.message, stack: value.stack };
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1),
    ]),
  );
}

function write(
  level: "info" | "warn" | "error",
  message: string,
  fields?: Record<string, unknown>,
) {
  const line = JSON.stringify({
    time: new Date().toISOString(),
    level,
    message,
    ...(redact(fields ?? {}) as object),
  });
  if (level === "error") console.error(line);
  else console.log(line);
}

export const logger = {
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
