import { MONTH_NAMES, shortName, WEEKDAY_NAMES } from "../core/names";
import { formatOffset, isKnownZone, longZoneName, shortZoneName, type WallClock, wallClock } from "../core/zones";

/**
 * java.text.SimpleDateFormat as Utilities.formatDate uses it (en_US symbols, Gregorian calendar).
 * Reference: developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
 * and docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html.
 * Week fields (w, W, Y) follow en_US rules: weeks start on Sunday and week 1 is the one holding January 1,
 * which is what Java gives under the en_US default locale — not the ISO-8601 week.
 */

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? "-" : "") + s.padStart(width, "0");
}

function dayOfYear(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86400000) + 1;
}

export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error("Invalid argument: date");
  const zone = isKnownZone(timeZone) ? timeZone : "GMT";
  const f = wallClock(ms, zone);
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      let text = "";
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j += 1;
      }
      if (j >= pattern.length) throw new Error("Unterminated quote");
      out += text;
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i += 1;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n += 1;
    out += field(c, n, f, ms, zone);
    i += n;
  }
  return out;
}

function field(c: string, n: number, f: WallClock, ms: number, zone: string): string {
  switch (c) {
    case "G":
      return f.year > 0 ? "AD" : "BC";
    case "y":
      return n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
    case "Y": {
      const wy = usWeekOfYear(f.year, f.month, f.day).weekYear;
      return n === 2 ? pad(wy % 100, 2) : pad(wy, n);
    }
    case "M":
    case "L":
      if (n >= 4) return MONTH_NAMES[f.month - 1];
      if (n === 3) return shortName(MONTH_NAMES[f.month - 1]);
      return pad(f.month, n);
    case "w":
      return pad(usWeekOfYear(f.year, f.month, f.day).week, n);
    case "W": {
      const firstWeekday = new Date(Date.UTC(f.year, f.month - 1, 1)).getUTCDay();
      return pad(Math.floor((f.day - 1 + firstWeekday) / 7) + 1, n);
    }
    case "D":
      return pad(dayOfYear(f.year, f.month, f.day), n);
    case "d":
      return pad(f.day, n);
    case "F":
      return pad(Math.floor((f.day - 1) / 7) + 1, n);
    case "E":
      return n >= 4 ? WEEKDAY_NAMES[f.weekday] : shortName(WEEKDAY_NAMES[f.weekday]);
    case "u":
      return pad(f.weekday === 0 ? 7 : f.weekday, n);
    case "a":
      return f.hour < 12 ? "AM" : "PM";
    case "H":
      return pad(f.hour, n);
    case "k":
      return pad(f.hour === 0 ? 24 : f.hour, n);
    case "K":
      return pad(f.hour % 12, n);
    case "h":
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
    case "m":
      return pad(f.minute, n);
    case "s":
      return pad(f.second, n);
    case "S":
      return pad(f.millisecond, n);
    case "z":
      return n >= 4 ? longZoneName(ms, zone) : shortZoneName(ms, zone);
    case "Z":
      return formatOffset(f.offsetMinutes, false);
    case "X": {
      if (n > 3) throw new Error("invalid ISO 8601 format: length=" + n);
      if (f.offsetMinutes === 0) return "Z";
      const full = formatOffset(f.offsetMinutes, n === 3);
      return n === 1 ? full.slice(0, 3) : full;
    }
    default:
      throw new Error(`Illegal pattern character '${c}'`);
  }
}

/**
 * Week of year as java.util.GregorianCalendar computes it for the en_US locale Apps Script formats with:
 * weeks start on Sunday and week 1 is the week containing January 1 (minimalDaysInFirstWeek = 1). So the
 * last days of December can be week 1 of the next year. This is NOT the ISO week (use "u"/ISO elsewhere).
 */
export function usWeekOfYear(year: number, month: number, day: number): { week: number; weekYear: number } {
  const dayMs = Date.UTC(year, month - 1, day);
  const weekStart = (y: number) => {
    const jan1 = Date.UTC(y, 0, 1);
    return jan1 - new Date(jan1).getUTCDay() * 86400000;
  };
  const nextStart = weekStart(year + 1);
  if (dayMs >= nextStart) return { week: 1, weekYear: year + 1 };
  return { week: Math.floor((dayMs - weekStart(year)) / (7 * 86400000)) + 1, weekYear: year };
}
