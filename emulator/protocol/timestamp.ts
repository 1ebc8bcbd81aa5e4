/** Requests more than 15 minutes off the server's clock, either way, are refused (protocol.md section 4). */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

export type TimestampVerdict = 'ok' | 'malformed' | 'expired';

/** The documented format, UTC only: `yyyy-MM-ddTHH:mm:ssZ`. */
const FORMAT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

export const parseTimestamp = (value: string): number | undefined => {
  const m = FORMAT.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March: a round trip catches dates that do not exist.
  const exists =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  return exists ? ms : undefined;
};

export const checkTimestamp = (value: string, nowMs: number): TimestampVerdict => {
  const ms = parseTimestamp(value);
  if (ms === undefined) return 'malformed';
  return Math.abs(nowMs - ms) > MAX_CLOCK_SKEW_MS ? 'expired' : 'ok';
};
