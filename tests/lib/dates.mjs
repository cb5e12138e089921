// Dates in the billing time zone of the test stacks, GMT+08:00 (Billing.timezone): a Date
// shifted by 8 hours reads the wall clock there with its getUTC… methods.
export const TZ_MS = 8 * 3600e3;
export const DAY_MS = 86400e3;

/** A Date whose UTC fields are the GMT+08:00 wall clock at ms (now by default). */
export const local = (ms = Date.now()) => new Date(ms + TZ_MS);

/** "YYYY-MM-DD" in GMT+08:00 at ms. */
export const localDayAt = (ms) => local(ms).toISOString().slice(0, 10);

/** "YYYY-MM-DD" in GMT+08:00, `offset` days from now (negative: before). */
export const localDay = (offset = 0) => localDayAt(Date.now() + offset * DAY_MS);

/** "YYYY-MM-DD" in GMT+08:00, n days ago. */
export const daysAgo = (n) => localDay(-n);

/** "YYYY-MM-DD HH:MM" in GMT+08:00, `offset` days from now. */
export const localMinute = (offset = 0) => local(Date.now() + offset * DAY_MS).toISOString().slice(0, 16).replace('T', ' ');

/** "YYYY-MM-01 00:00": this month's first day in GMT+08:00 (begun, and in a cycle not billed yet). */
export const monthStart = () => `${localMinute().slice(0, 8)}01 00:00`;

/** YYYYMM of a Date made by local(). */
export const monthOf = (d) => d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;

/** Billing cycles (YYYYMM) in GMT+08:00: monthsBack(0) is the current one. */
export function monthsBack(k) {
  const d = local();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - k);
  return monthOf(d);
}

/** A cycle as the pages write it: 202603 → "2026-03". */
export const cycleText = (c) => `${Math.floor(c / 100)}-${String(c % 100).padStart(2, '0')}`;

/** The billing cycle (YYYYMM) of a UTC "YYYY-MM-DD HH:MM:SS". */
export const cycleOfUtc = (at) => monthOf(local(Date.parse(`${at.replace(' ', 'T')}Z`)));

/** UTC "YYYY-MM-DD HH:MM:SS" of 00:00 of the GMT+08:00 day "YYYY-MM-DD", plus secs. */
export const utcOfLocal = (day, secs = 0) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - TZ_MS + secs * 1000).toISOString().slice(0, 19).replace('T', ' ');
