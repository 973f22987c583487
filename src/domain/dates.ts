/**
 * Calendar days and datetimes, parsed strictly and shown without time-zone surprises.
 *
 * A quote's `date` is a calendar day ('YYYY-MM-DD'), never an instant: it is kept as
 * a string so that no time zone of the build machine can move it. An article's
 * `published` is an instant with the offset it was written with.
 *
 * Every day and datetime QTD reads lies in the years 1000–9998 (`FIRST_YEAR`,
 * `LAST_YEAR`), so that every date it writes has a four-digit year: RFC 822 dates in
 * RSS (always in GMT), ISO 8601 in JSON, JSON-LD and sitemaps, and the days and times
 * shown in a time zone. A datetime's written offset (at most ±18:59:59) or a zone moves
 * its instant by less than a day, so the earliest instant shows as 0999-12-31 and the
 * latest as 9999-01-01 in some zone, both still four digits; a datetime in 9999 could
 * become year 10000 in GMT, and one before 1000 has no four-digit year in `Intl`'s
 * formats (nor do years 0–99 in `Date.UTC`, which reads them as 1900–1999).
 */

import { memoize2 } from './memo.ts';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// The offset may name its seconds (`-04:56:02`): the local mean time zones kept before standard time.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)$/;

/** The first and last years of a day or datetime QTD accepts (see the module's comment). */
export const FIRST_YEAR = 1000;
export const LAST_YEAR = 9998;

/** Why a year is refused, or undefined when it lies in FIRST_YEAR–LAST_YEAR. */
export function yearOutOfRange(year: number): string | undefined {
  if (year >= FIRST_YEAR && year <= LAST_YEAR) return undefined;
  const shown = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  return (
    `year ${shown} is outside the years QTD accepts (${FIRST_YEAR}–${LAST_YEAR}): only their dates keep ` +
    'a four-digit year in every format the site writes (RSS, ISO 8601, in any time zone)'
  );
}

/** Whether the month and day exist in that year; `year` must be in FIRST_YEAR–LAST_YEAR. */
function isRealDay(year: number, month: number, day: number): boolean {
  // Date.UTC rolls 2021-02-30 over to March 2; a real day prints back unchanged.
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** A calendar day written as 'YYYY-MM-DD' that exists, in the years QTD accepts. */
export function parseCalendarDay(value: string): ParseResult<string> {
  const written = value.trim();
  const match = CALENDAR_DAY.exec(written);
  if (!match) return { ok: false, reason: `"${value}" is not a date written as YYYY-MM-DD` };
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const outOfRange = yearOutOfRange(y);
  if (outOfRange) return { ok: false, reason: outOfRange };
  if (!isRealDay(y, m, d)) return { ok: false, reason: `${written} is not a day of the calendar` };
  return { ok: true, value: written };
}

export interface ParsedDateTime {
  /** The value as written, e.g. '2021-08-23T12:56:00-04:00'. */
  written: string;
  /** The instant, in milliseconds since the epoch. */
  epochMs: number;
  /** The written offset from UTC in seconds (-14400 for -04:00, -17762 for -04:56:02). */
  offsetSeconds: number;
}

/**
 * An ISO 8601 datetime with an explicit offset (or Z) whose day and time exist. The
 * offset may have seconds, `1861-03-04T12:00:00-04:56:02`: before a zone kept standard
 * time (New York until 1883) its clocks kept local mean time, whose offset is not a
 * whole number of minutes, and only that offset names the time a paper printed.
 */
export function parseDateTime(value: string): ParseResult<ParsedDateTime> {
  const written = value.trim();
  const match = DATE_TIME.exec(written);
  if (!match) {
    return {
      ok: false,
      reason: `"${value}" is not a datetime with an offset, like 2021-08-23T12:56:00-04:00`,
    };
  }
  const [, ys, ms, ds, hs, mins, ss, fraction, zone] = match;
  const [y, m, d, h, min, s] = [ys, ms, ds, hs, mins, ss ?? '0'].map(Number) as number[] as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const outOfRange = yearOutOfRange(y);
  if (outOfRange) return { ok: false, reason: outOfRange };
  if (!isRealDay(y, m, d)) return { ok: false, reason: `${written.slice(0, 10)} is not a day of the calendar` };
  if (h > 23 || min > 59 || s > 59) return { ok: false, reason: `${written} has an impossible time of day` };
  let offsetSeconds = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [oh, om, os = 0] = zone.slice(1).split(':').map(Number) as [number, number, number?];
    if (oh > 18 || om > 59 || os > 59) return { ok: false, reason: `${zone} is not a UTC offset` };
    offsetSeconds = sign * (oh * 3600 + om * 60 + os);
  }
  const millis = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  const epochMs = Date.UTC(y, m - 1, d, h, min, s, millis) - offsetSeconds * 1000;
  return { ok: true, value: { written, epochMs, offsetSeconds } };
}

/**
 * js-yaml (Astro's front-matter parser) turns unquoted dates into Date objects at UTC
 * midnight: the day they name, with a four-digit year when it has one.
 */
export function calendarDayOfYamlDate(date: Date): string {
  const year = date.getUTCFullYear();
  const shownYear = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  return `${shownYear}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

const knownZones = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    knownZones.set(zone, valid);
  }
  return valid;
}

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

// The same few instants are shown on thousands of pages (an article's date on every quote of it).
const zonedParts = /* @__PURE__ */ memoize2((timeZone: string, epochMs: number): ZonedParts => computeZonedParts(epochMs, timeZone));

function computeZonedParts(epochMs: number, timeZone: string): ZonedParts {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/**
 * Offset of `timeZone` from UTC at an instant, in seconds (-14400 for New York in August,
 * -17762 for its local mean time, -04:56:02, before 1883): exact, as the time shown there is.
 */
export function zoneOffsetSeconds(epochMs: number, timeZone: string): number {
  const p = zonedParts(timeZone, epochMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 1000);
}

/** Offset of `timeZone` from UTC at an instant, in minutes, rounded (-240 for New York in August). */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  return Math.round(zoneOffsetSeconds(epochMs, timeZone) / 60);
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, '0');
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  return `${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
}

/** An offset in seconds as a curator writes it: '-04:00', or '-04:56:02' when it has seconds. */
export function formatOffsetSeconds(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const total = Math.abs(offsetSeconds);
  const seconds = total % 60;
  return `${sign}${pad(Math.trunc(total / 3600))}:${pad(Math.trunc(total / 60) % 60)}${seconds === 0 ? '' : `:${pad(seconds)}`}`;
}

/**
 * The instant as ISO 8601 in `timeZone`'s local time with its offset: '2021-08-23T12:56:00-04:00'.
 * RFC 3339, HTML's `datetime` and the feeds take offsets in whole minutes only, so an offset
 * with seconds (local mean time) is written rounded up to the next whole minute, with the
 * local time moved to match: the instant stays exact, and a time written on the minute
 * keeps its minute and its day (`12:00:00-04:56:02` is written `12:00:02-04:56`).
 */
export function isoInZone(epochMs: number, timeZone: string): string {
  const offsetSeconds = zoneOffsetSeconds(epochMs, timeZone);
  if (offsetSeconds % 60 === 0) {
    const p = zonedParts(timeZone, epochMs);
    return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${formatOffset(offsetSeconds / 60)}`;
  }
  const offsetMinutes = Math.ceil(offsetSeconds / 60);
  const local = new Date(Math.floor(epochMs / 1000) * 1000 + offsetMinutes * 60_000);
  const day = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  return `${day}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${formatOffset(offsetMinutes)}`;
}

/** The calendar day ('YYYY-MM-DD') of an instant in `timeZone`. */
export function calendarDayInZone(epochMs: number, timeZone: string): string {
  const p = zonedParts(timeZone, epochMs);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The instant at `hour`:00 local time of `day` in `timeZone` (feeds date quotes in the morning). */
export function instantOfLocalTime(day: string, hour: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, hour);
  // The zone's offset can differ between the naive guess and the result (DST change): correct twice.
  let guess = naive - zoneOffsetMinutes(naive, timeZone) * 60_000;
  guess = naive - zoneOffsetMinutes(guess, timeZone) * 60_000;
  return guess;
}

// Associated Press style, as newspapers write dates: "Aug. 23, 2021", "March 4, 2020".
const AP_MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
/** The months' full English names, January first. */
export const FULL_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function dayParts(day: string): [number, number, number] {
  return day.split('-').map(Number) as [number, number, number];
}

// Lists show thousands of days, many of them on several pages: each is formatted once.
const shortDays = new Map<string, string>();
const longDays = new Map<string, string>();

/** 'Aug. 23, 2021' */
export function formatDayShort(day: string): string {
  let text = shortDays.get(day);
  if (text === undefined) {
    const [y, m, d] = dayParts(day);
    text = `${AP_MONTHS[m - 1]} ${d}, ${y}`;
    shortDays.set(day, text);
  }
  return text;
}

/** 'August 23, 2021' */
export function formatDayLong(day: string): string {
  let text = longDays.get(day);
  if (text === undefined) {
    const [y, m, d] = dayParts(day);
    text = `${FULL_MONTHS[m - 1]} ${d}, ${y}`;
    longDays.set(day, text);
  }
  return text;
}

/** 'August 2021' */
export function formatMonth(year: number, month: number): string {
  return `${FULL_MONTHS[month - 1]} ${year}`;
}

export function monthName(month: number): string {
  return FULL_MONTHS[month - 1] ?? '';
}

/** 'ET' for America/New_York: the generic zone name newspapers print. */
const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

const zoneNames = /* @__PURE__ */ memoize2((timeZone: string, epochMs: number): string => computeZoneAbbreviation(epochMs, timeZone));

export function zoneAbbreviation(epochMs: number, timeZone: string): string {
  return zoneNames(timeZone, epochMs);
}

function computeZoneAbbreviation(epochMs: number, timeZone: string): string {
  // Creating an Intl formatter costs far more than using one: one per zone for the whole build.
  let formatter = zoneNameFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortGeneric' });
    zoneNameFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(new Date(epochMs)).find((part) => part.type === 'timeZoneName')?.value;
  return name ?? timeZone;
}

/** 'Aug. 23, 2021, 12:56 p.m. ET', in the zone the article was published in. */
export function formatDateTimeInZone(epochMs: number, timeZone: string): string {
  const p = zonedParts(timeZone, epochMs);
  const day = formatDayShort(`${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`);
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  const meridiem = p.hour < 12 ? 'a.m.' : 'p.m.';
  return `${day}, ${hour12}:${pad(p.minute)} ${meridiem} ${zoneAbbreviation(epochMs, timeZone)}`;
}

/** RFC 822 date for RSS, always in GMT so that it reads the same from every build machine. */
export function rfc822(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

/** Today in the site's zone, or the pinned day. */
export function todayIn(timeZone: string, now: Date, pinned?: string): string {
  if (pinned) {
    const parsed = parseCalendarDay(pinned);
    if (!parsed.ok) throw new Error(`BUILD_DATE: ${parsed.reason}`);
    return parsed.value;
  }
  return calendarDayInZone(now.getTime(), timeZone);
}

/** Compare calendar days written as 'YYYY-MM-DD' (they sort as strings). */
export function compareDays(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
