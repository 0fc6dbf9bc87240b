/**
 * CSV as Ukrainian Excel opens it: `;` between fields (the list separator of the uk-UA locale),
 * CRLF between rows, RFC 4180 quoting; the caller puts a UTF-8 BOM first so Excel reads UTF-8.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_SEPARATOR = ';';

/**
 * One field. Quoted when it holds the separator, a quote or a line break (quotes doubled).
 * A value starting with `=`, `+`, `-`, `@`, tab or CR would run as a formula in a spreadsheet
 * (CSV injection: a name or phone typed into a form ends up in the log), so it gets a leading
 * apostrophe and stays text.
 */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: Array<string | null | undefined>): string {
  return `${values.map(csvField).join(CSV_SEPARATOR)}\r\n`;
}
