import { describe, it, expect } from 'vitest';
import {
  FIRST_YEAR,
  LAST_YEAR,
  calendarDayInZone,
  calendarDayOfYamlDate,
  compareDays,
  formatDateTimeInZone,
  formatDayLong,
  formatDayShort,
  formatMonth,
  formatOffset,
  formatOffsetSeconds,
  instantOfLocalTime,
  isValidTimeZone,
  isoInZone,
  monthName,
  parseCalendarDay,
  parseDateTime,
  rfc822,
  todayIn,
  yearOutOfRange,
  zoneAbbreviation,
  zoneOffsetMinutes,
  zoneOffsetSeconds,
} from '../../src/domain/dates.ts';

// Every expectation below is written in UTC or in a named zone, never in the machine's
// zone: run this file with TZ=Asia/Tokyo and TZ=America/Los_Angeles, it must still pass.
const NEW_YORK = 'America/New_York';
const KOLKATA = 'Asia/Kolkata';
const TOKYO = 'Asia/Tokyo';

const utc = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!iso.endsWith('Z') || Number.isNaN(ms)) throw new Error(`write test instants in UTC: ${iso}`);
  return ms;
};
const asIso = (epochMs: number): string => new Date(epochMs).toISOString();

describe('parseCalendarDay', () => {
  it('accepts real days, leap days included', () => {
    expect(parseCalendarDay('2021-08-23')).toEqual({ ok: true, value: '2021-08-23' });
    expect(parseCalendarDay('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseCalendarDay('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
  });

  it('rejects days the calendar does not have', () => {
    for (const day of ['2023-02-29', '2100-02-29', '2021-02-30', '2021-04-31', '2021-13-01', '2021-00-10']) {
      expect(parseCalendarDay(day), day).toEqual({ ok: false, reason: `${day} is not a day of the calendar` });
    }
  });

  it('rejects days not written as YYYY-MM-DD', () => {
    for (const day of ['2021-8-3', '20210823', '23/08/2021', '2021-08-23T00:00:00Z', '']) {
      expect(parseCalendarDay(day), day).toEqual({ ok: false, reason: `"${day}" is not a date written as YYYY-MM-DD` });
    }
  });

  it('trims the spaces around the day', () => {
    expect(parseCalendarDay(' 2021-08-23 ')).toEqual({ ok: true, value: '2021-08-23' });
    expect(parseCalendarDay(' 2021-02-30 ')).toEqual({ ok: false, reason: '2021-02-30 is not a day of the calendar' });
  });
});

describe('parseDateTime', () => {
  it('reads the instant and the offset as written', () => {
    expect(parseDateTime('2021-08-23T12:56:00-04:00')).toEqual({
      ok: true,
      value: { written: '2021-08-23T12:56:00-04:00', epochMs: utc('2021-08-23T16:56:00Z'), offsetSeconds: -14400 },
    });
    expect(parseDateTime('2021-08-23T16:56:00Z')).toEqual({
      ok: true,
      value: { written: '2021-08-23T16:56:00Z', epochMs: utc('2021-08-23T16:56:00Z'), offsetSeconds: 0 },
    });
    expect(parseDateTime('2021-08-23T22:26:00+05:30')).toEqual({
      ok: true,
      value: { written: '2021-08-23T22:26:00+05:30', epochMs: utc('2021-08-23T16:56:00Z'), offsetSeconds: 19800 },
    });
  });

  it('accepts a space for the T, no seconds, and fractional seconds', () => {
    const at = (value: string) => {
      const parsed = parseDateTime(value);
      return parsed.ok ? asIso(parsed.value.epochMs) : parsed.reason;
    };
    expect(at('2021-08-23 12:56:00-04:00')).toBe('2021-08-23T16:56:00.000Z');
    expect(at('2021-08-23T12:56-04:00')).toBe('2021-08-23T16:56:00.000Z');
    expect(at('2021-08-23T12:56:00.5Z')).toBe('2021-08-23T12:56:00.500Z');
    expect(at('2021-08-23T12:56:00.123456789+05:30')).toBe('2021-08-23T07:26:00.123Z');
  });

  it('keeps the value trimmed as written', () => {
    const parsed = parseDateTime(' 2021-08-23T12:56:00Z ');
    expect(parsed.ok && parsed.value.written).toBe('2021-08-23T12:56:00Z');
  });

  it('rejects a datetime without an offset', () => {
    expect(parseDateTime('2021-08-23T12:56:00')).toEqual({
      ok: false,
      reason: '"2021-08-23T12:56:00" is not a datetime with an offset, like 2021-08-23T12:56:00-04:00',
    });
    expect(parseDateTime('2021-08-23T12:56:00-0400').ok).toBe(false);
    expect(parseDateTime('2021-08-23').ok).toBe(false);
  });

  it('rejects impossible times, days and offsets', () => {
    expect(parseDateTime('2021-08-23T24:00:00Z')).toEqual({
      ok: false,
      reason: '2021-08-23T24:00:00Z has an impossible time of day',
    });
    expect(parseDateTime('2021-08-23T12:60:00Z').ok).toBe(false);
    expect(parseDateTime('2021-08-23T12:56:60Z').ok).toBe(false);
    expect(parseDateTime('2021-02-30T12:00:00-05:00')).toEqual({
      ok: false,
      reason: '2021-02-30 is not a day of the calendar',
    });
    expect(parseDateTime('2021-08-23T12:56:00+19:00')).toEqual({ ok: false, reason: '+19:00 is not a UTC offset' });
    expect(parseDateTime('2021-08-23T12:56:00+05:60')).toEqual({ ok: false, reason: '+05:60 is not a UTC offset' });
    expect(parseDateTime('1861-03-04T12:00:00-04:56:60')).toEqual({ ok: false, reason: '-04:56:60 is not a UTC offset' });
    expect(parseDateTime('1861-03-04T12:00:00-04:56:2').ok).toBe(false);
  });

  it('reads an offset with seconds, as local mean time was kept before standard time', () => {
    expect(parseDateTime('1861-03-04T12:00:00-04:56:02')).toEqual({
      ok: true,
      value: { written: '1861-03-04T12:00:00-04:56:02', epochMs: utc('1861-03-04T16:56:02Z'), offsetSeconds: -17762 },
    });
    expect(parseDateTime('1890-06-01T08:00:00+00:09:21')).toMatchObject({ ok: true, value: { offsetSeconds: 561 } });
  });
});

describe('a time written in local mean time, before the zone kept standard time', () => {
  // New York kept its local mean time, 4 h 56 min 2 s behind Greenwich, until noon of Nov. 18, 1883.
  const inauguration = parseDateTime('1861-03-04T12:00:00-04:56:02');
  const epochMs = inauguration.ok ? inauguration.value.epochMs : Number.NaN;

  it('has the zone’s offset to the second, which is what the build asks a curator to write', () => {
    expect(zoneOffsetSeconds(epochMs, NEW_YORK)).toBe(-17762);
    expect(formatOffsetSeconds(zoneOffsetSeconds(epochMs, NEW_YORK))).toBe('-04:56:02');
    expect(zoneOffsetSeconds(utc('2021-08-23T16:56:00Z'), NEW_YORK)).toBe(-14400);
    expect(zoneOffsetMinutes(epochMs, NEW_YORK)).toBe(-296);
  });

  it('is shown as written, noon, not the 11:59 a.m. the minute-rounded offset gave', () => {
    // Before standard time the zone has no "ET": the name of its mean time is shown.
    expect(formatDateTimeInZone(epochMs, NEW_YORK)).toBe('March 4, 1861, 12:00 p.m. New York Time');
    const rounded = parseDateTime('1861-03-04T12:00:00-04:56');
    expect(rounded.ok && formatDateTimeInZone(rounded.value.epochMs, NEW_YORK)).toBe('March 4, 1861, 11:59 a.m. New York Time');
  });

  it('is written for machines with the next whole-minute offset, the instant exact, its day and minute kept', () => {
    expect(isoInZone(epochMs, NEW_YORK)).toBe('1861-03-04T12:00:02-04:56');
    expect(Date.parse(isoInZone(epochMs, NEW_YORK))).toBe(epochMs);
    const midnight = parseDateTime('1861-03-04T00:00:00-04:56:02');
    expect(midnight.ok && isoInZone(midnight.value.epochMs, NEW_YORK)).toBe('1861-03-04T00:00:02-04:56');
    // East of Greenwich too: Paris kept +00:09:21 until 1891.
    const paris = parseDateTime('1890-06-01T08:00:00+00:09:21');
    const parisMs = paris.ok ? paris.value.epochMs : Number.NaN;
    expect(isoInZone(parisMs, 'Europe/Paris')).toBe('1890-06-01T08:00:39+00:10');
    expect(Date.parse(isoInZone(parisMs, 'Europe/Paris'))).toBe(parisMs);
    expect(calendarDayInZone(epochMs, NEW_YORK)).toBe('1861-03-04');
  });
});

describe('calendarDayOfYamlDate', () => {
  it('reads the UTC day js-yaml meant, whatever the machine zone', () => {
    expect(calendarDayOfYamlDate(new Date(utc('2021-08-23T00:00:00Z')))).toBe('2021-08-23');
  });

  it('writes years before 1000 with four digits', () => {
    const early = new Date(utc('2000-12-31T00:00:00Z'));
    early.setUTCFullYear(999);
    expect(calendarDayOfYamlDate(early)).toBe('0999-12-31');
  });
});

describe('the years QTD accepts', () => {
  const reason = (year: string): string =>
    `year ${year} is outside the years QTD accepts (1000–9998): only their dates keep a four-digit year in every format the site writes (RSS, ISO 8601, in any time zone)`;

  it('are 1000 to 9998, for days and datetimes alike', () => {
    expect([FIRST_YEAR, LAST_YEAR]).toEqual([1000, 9998]);
    for (const day of ['1000-01-01', '9998-12-31']) expect(parseCalendarDay(day), day).toEqual({ ok: true, value: day });
    for (const value of ['1000-01-01T00:00:00+14:00', '9998-12-31T23:59:59.999-12:00']) {
      expect(parseDateTime(value).ok, value).toBe(true);
    }
  });

  it('refuses a day outside them for its year, never as a day the calendar lacks', () => {
    expect(parseCalendarDay('0050-06-15')).toEqual({ ok: false, reason: reason('0050') });
    expect(parseCalendarDay('0000-01-01')).toEqual({ ok: false, reason: reason('0000') });
    expect(parseCalendarDay('0999-12-31')).toEqual({ ok: false, reason: reason('0999') });
    expect(parseCalendarDay('9999-01-01')).toEqual({ ok: false, reason: reason('9999') });
    expect(parseDateTime('0050-06-15T12:00:00Z')).toEqual({ ok: false, reason: reason('0050') });
    expect(parseDateTime('9999-12-31T23:00:00-05:00')).toEqual({ ok: false, reason: reason('9999') });
    // Out of range and impossible: the year is what to fix first.
    expect(parseCalendarDay('0050-02-30')).toEqual({ ok: false, reason: reason('0050') });
    expect(yearOutOfRange(1000)).toBeUndefined();
    expect(yearOutOfRange(10000)).toBe(reason('10000'));
  });

  it('refuses a pinned BUILD_DATE outside them', () => {
    expect(() => todayIn(NEW_YORK, new Date(), '0050-06-15')).toThrow(`BUILD_DATE: ${reason('0050')}`);
  });

  describe('keep every written date four digits long, at both ends, in every zone', () => {
    const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
    const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const ISO_IN_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
    const DAY = /^\d{4}-\d{2}-\d{2}$/;
    const ZONES = ['UTC', NEW_YORK, KOLKATA, TOKYO, 'Pacific/Kiritimati', 'Etc/GMT+12', 'Etc/GMT-14'];

    function expectFourDigitYears(epochMs: number, label: string): void {
      expect(rfc822(epochMs), label).toMatch(RFC_822);
      expect(new Date(epochMs).toISOString(), label).toMatch(ISO_UTC);
      for (const zone of ZONES) {
        expect(isoInZone(epochMs, zone), `${label} in ${zone}`).toMatch(ISO_IN_ZONE);
        expect(calendarDayInZone(epochMs, zone), `${label} in ${zone}`).toMatch(DAY);
      }
    }

    it('for the first and last datetimes, with the widest offsets written', () => {
      const edges = [
        ['1000-01-01T00:00:00+18:59', '0999-12-31T05:01:00.000Z'],
        ['1000-01-01T00:00:00+14:00', '0999-12-31T10:00:00.000Z'],
        ['1000-01-01T00:00:00-18:59', '1000-01-01T18:59:00.000Z'],
        ['9998-12-31T23:59:59.999-18:59', '9999-01-01T18:58:59.999Z'],
        ['9998-12-31T23:59:59.999+18:59', '9998-12-31T05:00:59.999Z'],
      ];
      for (const [written, instant] of edges) {
        const parsed = parseDateTime(written ?? '');
        if (!parsed.ok) throw new Error(`${written}: ${parsed.reason}`);
        expect(asIso(parsed.value.epochMs), written).toBe(instant);
        expectFourDigitYears(parsed.value.epochMs, written ?? '');
      }
      const last = parseDateTime('9998-12-31T23:59:59-18:59');
      expect(last.ok && rfc822(last.value.epochMs)).toBe('Fri, 01 Jan 9999 18:58:59 GMT');
      const first = parseDateTime('1000-01-01T00:00:00+18:59');
      expect(first.ok && rfc822(first.value.epochMs)).toBe('Tue, 31 Dec 0999 05:01:00 GMT');
      expect(first.ok && isoInZone(first.value.epochMs, 'UTC')).toBe('0999-12-31T05:01:00+00:00');
    });

    it('shows the first and last datetimes as written in the zone of their offset', () => {
      const first = parseDateTime('1000-01-01T09:00:00Z');
      expect(first.ok && formatDateTimeInZone(first.value.epochMs, 'UTC')).toMatch(/^Jan\. 1, 1000, 9:00 a\.m\. /);
      const last = parseDateTime('9998-12-31T21:00:00Z');
      expect(last.ok && formatDateTimeInZone(last.value.epochMs, 'UTC')).toMatch(/^Dec\. 31, 9998, 9:00 p\.m\. /);
    });

    it('for the feed instants of the first and last days, at any hour of any zone', () => {
      for (const day of ['1000-01-01', '9998-12-31']) {
        for (const zone of ZONES) {
          for (const hour of [0, 8, 23]) expectFourDigitYears(instantOfLocalTime(day, hour, zone), `${day} ${hour}:00 ${zone}`);
        }
      }
    });
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA zones and nothing else', () => {
    expect(isValidTimeZone(NEW_YORK)).toBe(true);
    expect(isValidTimeZone(KOLKATA)).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('zoneOffsetMinutes', () => {
  it('follows daylight saving time in New York', () => {
    expect(zoneOffsetMinutes(utc('2021-08-23T16:56:00Z'), NEW_YORK)).toBe(-240);
    expect(zoneOffsetMinutes(utc('2021-01-15T12:00:00Z'), NEW_YORK)).toBe(-300);
  });

  it('changes at the instant the clocks change', () => {
    // 2021-03-14: 2:00 EST (07:00Z) becomes 3:00 EDT.
    expect(zoneOffsetMinutes(utc('2021-03-14T06:59:59Z'), NEW_YORK)).toBe(-300);
    expect(zoneOffsetMinutes(utc('2021-03-14T07:00:00Z'), NEW_YORK)).toBe(-240);
  });

  it('handles half-hour zones and UTC', () => {
    expect(zoneOffsetMinutes(utc('2021-01-15T12:00:00Z'), KOLKATA)).toBe(330);
    expect(zoneOffsetMinutes(utc('2021-08-23T12:00:00Z'), KOLKATA)).toBe(330);
    expect(zoneOffsetMinutes(utc('2021-08-23T12:00:00Z'), 'UTC')).toBe(0);
  });

  it('ignores the milliseconds of the instant', () => {
    expect(zoneOffsetMinutes(utc('2021-08-23T16:56:00.999Z'), NEW_YORK)).toBe(-240);
  });
});

describe('formatOffset', () => {
  it('writes ±HH:MM', () => {
    expect(formatOffset(-240)).toBe('-04:00');
    expect(formatOffset(330)).toBe('+05:30');
    expect(formatOffset(345)).toBe('+05:45');
    expect(formatOffset(-30)).toBe('-00:30');
    expect(formatOffset(0)).toBe('+00:00');
  });

  it('writes seconds only when an offset has them', () => {
    expect(formatOffsetSeconds(-14400)).toBe('-04:00');
    expect(formatOffsetSeconds(-17762)).toBe('-04:56:02');
    expect(formatOffsetSeconds(561)).toBe('+00:09:21');
    expect(formatOffsetSeconds(-30)).toBe('-00:00:30');
    expect(formatOffsetSeconds(0)).toBe('+00:00');
  });
});

describe('isoInZone', () => {
  it('writes the local time of the zone with its offset', () => {
    const instant = utc('2021-08-23T16:56:00Z');
    expect(isoInZone(instant, NEW_YORK)).toBe('2021-08-23T12:56:00-04:00');
    expect(isoInZone(instant, KOLKATA)).toBe('2021-08-23T22:26:00+05:30');
    expect(isoInZone(instant, 'UTC')).toBe('2021-08-23T16:56:00+00:00');
    expect(isoInZone(utc('2021-01-15T17:05:09.750Z'), NEW_YORK)).toBe('2021-01-15T12:05:09-05:00');
  });

  it('crosses midnight into the next day east of UTC', () => {
    expect(isoInZone(utc('2021-08-23T20:00:00Z'), TOKYO)).toBe('2021-08-24T05:00:00+09:00');
  });
});

describe('calendarDayInZone', () => {
  it('gives the day of the zone, not of UTC, near midnight', () => {
    // 03:59Z is still 11:59 p.m. of the day before in New York, and already noon in Tokyo.
    expect(calendarDayInZone(utc('2021-08-24T03:59:00Z'), NEW_YORK)).toBe('2021-08-23');
    expect(calendarDayInZone(utc('2021-08-24T04:00:00Z'), NEW_YORK)).toBe('2021-08-24');
    expect(calendarDayInZone(utc('2021-08-23T14:59:00Z'), TOKYO)).toBe('2021-08-23');
    expect(calendarDayInZone(utc('2021-08-23T15:00:00Z'), TOKYO)).toBe('2021-08-24');
  });
});

describe('instantOfLocalTime', () => {
  it('finds 8:00 local time of a summer day', () => {
    expect(asIso(instantOfLocalTime('2021-08-23', 8, NEW_YORK))).toBe('2021-08-23T12:00:00.000Z');
  });

  it('finds 8:00 local time on the days the clocks change', () => {
    const springForward = instantOfLocalTime('2021-03-14', 8, NEW_YORK);
    expect(asIso(springForward)).toBe('2021-03-14T12:00:00.000Z');
    expect(isoInZone(springForward, NEW_YORK)).toBe('2021-03-14T08:00:00-04:00');

    const fallBack = instantOfLocalTime('2021-11-07', 8, NEW_YORK);
    expect(asIso(fallBack)).toBe('2021-11-07T13:00:00.000Z');
    expect(isoInZone(fallBack, NEW_YORK)).toBe('2021-11-07T08:00:00-05:00');
  });

  it('works east of UTC, where the local morning is the UTC evening before', () => {
    expect(asIso(instantOfLocalTime('2021-08-23', 8, TOKYO))).toBe('2021-08-22T23:00:00.000Z');
    expect(asIso(instantOfLocalTime('2021-08-23', 8, KOLKATA))).toBe('2021-08-23T02:30:00.000Z');
  });
});

describe('formatDayShort', () => {
  it('abbreviates months the Associated Press way', () => {
    expect(formatDayShort('2001-09-09')).toBe('Sept. 9, 2001');
    expect(formatDayShort('2020-03-04')).toBe('March 4, 2020');
    expect(formatDayShort('2021-08-23')).toBe('Aug. 23, 2021');
    expect(formatDayShort('2021-01-01')).toBe('Jan. 1, 2021');
    expect(formatDayShort('2021-06-30')).toBe('June 30, 2021');
    expect(formatDayShort('2021-07-04')).toBe('July 4, 2021');
    expect(formatDayShort('2021-12-25')).toBe('Dec. 25, 2021');
  });
});

describe('formatDayLong and month names', () => {
  it('writes the months in full', () => {
    expect(formatDayLong('2021-08-23')).toBe('August 23, 2021');
    expect(formatDayLong('2001-09-09')).toBe('September 9, 2001');
    expect(formatMonth(2021, 8)).toBe('August 2021');
    expect(monthName(3)).toBe('March');
    expect(monthName(13)).toBe('');
  });
});

describe('zoneAbbreviation', () => {
  it('names the zone the way newspapers print it', () => {
    expect(zoneAbbreviation(utc('2021-08-23T16:56:00Z'), NEW_YORK)).toBe('ET');
    expect(zoneAbbreviation(utc('2021-01-15T16:56:00Z'), NEW_YORK)).toBe('ET');
    expect(zoneAbbreviation(utc('2021-08-23T16:56:00Z'), 'America/Los_Angeles')).toBe('PT');
  });
});

describe('formatDateTimeInZone', () => {
  it('shows the time in the zone, with a.m./p.m. and the zone', () => {
    expect(formatDateTimeInZone(utc('2021-08-23T16:56:00Z'), NEW_YORK)).toBe('Aug. 23, 2021, 12:56 p.m. ET');
    expect(formatDateTimeInZone(utc('2021-01-15T14:05:00Z'), NEW_YORK)).toBe('Jan. 15, 2021, 9:05 a.m. ET');
  });

  it('writes midnight as 12:00 a.m. and noon as 12:00 p.m.', () => {
    expect(formatDateTimeInZone(utc('2021-08-23T04:00:00Z'), NEW_YORK)).toBe('Aug. 23, 2021, 12:00 a.m. ET');
    expect(formatDateTimeInZone(utc('2021-08-23T16:00:00Z'), NEW_YORK)).toBe('Aug. 23, 2021, 12:00 p.m. ET');
    expect(formatDateTimeInZone(utc('2021-08-24T03:59:00Z'), NEW_YORK)).toBe('Aug. 23, 2021, 11:59 p.m. ET');
  });
});

describe('rfc822', () => {
  it('writes the instant in GMT', () => {
    expect(rfc822(utc('2021-08-23T12:00:00Z'))).toBe('Mon, 23 Aug 2021 12:00:00 GMT');
    expect(rfc822(utc('2001-09-09T04:05:06Z'))).toBe('Sun, 09 Sep 2001 04:05:06 GMT');
  });
});

describe('todayIn', () => {
  it('returns the pinned day whatever the clock says', () => {
    expect(todayIn(NEW_YORK, new Date(utc('2030-01-01T00:00:00Z')), '2021-08-23')).toBe('2021-08-23');
    expect(todayIn(NEW_YORK, new Date(utc('2030-01-01T00:00:00Z')), ' 2021-08-23 ')).toBe('2021-08-23');
  });

  it('refuses a pinned day that does not exist', () => {
    expect(() => todayIn(NEW_YORK, new Date(), '2021-02-30')).toThrow('BUILD_DATE: 2021-02-30 is not a day of the calendar');
  });

  it('is the day of the zone, not of the machine, near midnight', () => {
    const lateEvening = new Date(utc('2021-08-24T03:30:00Z'));
    expect(todayIn(NEW_YORK, lateEvening)).toBe('2021-08-23');
    expect(todayIn(TOKYO, lateEvening)).toBe('2021-08-24');

    const justAfterMidnight = new Date(utc('2021-08-24T04:00:00Z'));
    expect(todayIn(NEW_YORK, justAfterMidnight)).toBe('2021-08-24');
  });
});

describe('compareDays', () => {
  it('orders YYYY-MM-DD days', () => {
    expect(compareDays('2021-08-23', '2021-08-24')).toBe(-1);
    expect(compareDays('2021-08-24', '2021-08-23')).toBe(1);
    expect(compareDays('2021-08-23', '2021-08-23')).toBe(0);
    expect(['2021-12-01', '2020-02-29', '2021-08-23'].sort(compareDays)).toEqual(['2020-02-29', '2021-08-23', '2021-12-01']);
  });
});
