/**
 * One CSV cell, quoted when needed. A cell that a spreadsheet would run as a
 * formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe:
 * row errors quote file contents, which an attacker may control.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
