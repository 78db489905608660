import { DEFAULT_SLA_SETTINGS, parseSlaSettings, type SlaSettings } from "../domain/sla";
import { DEFAULT_TIME_ZONE } from "../domain/time";
import { DEFAULT_WORK_CALENDAR, parseWorkCalendar, type WorkCalendar } from "../domain/workCalendar";
import { type Lang, toLang } from "../i18n";
import type { DataIssue } from "../store/cells";
import type { Settings } from "../store/schemas";
import { SettingsReader, settingsMap } from "../store/settings";
import type { Table } from "../store/table";

/** Everything a job needs from Settings, read once and typed. Bad values fall back and are reported. */
export interface Config {
  lang: Lang;
  timeZone: string;
  calendar: WorkCalendar;
  sla: SlaSettings;
  cadenceDays: { A: number; B: number; C: number; D: number; ungraded: number };
  ownDomains: string[];
  ignoreList: string[];
  reader: SettingsReader;
  problems: string[];
}

export function readConfig(settings: Table<typeof Settings>): Config {
  const reader = new SettingsReader(settingsMap(settings));
  const problems: string[] = [];
  const calendarParsed = parseWorkCalendar({
    timeZone: reader.text("timeZone"),
    workingHours: reader.text("workingHours"),
    workingDays: reader.text("workingDays"),
    holidays: reader.text("holidays"),
  });
  const calendar = calendarParsed.ok
    ? calendarParsed.value
    : { ...DEFAULT_WORK_CALENDAR, timeZone: safeZone(reader.text("timeZone")) };
  if (!calendarParsed.ok)
    for (const e of calendarParsed.errors) problems.push(`Settings ${e.key}: "${e.value}" ${e.message}`);
  const slaParsed = parseSlaSettings(
    {
      replyTargetHours: reader.text("reply.targetHours"),
      replyLimitHours: reader.text("reply.limitHours"),
      faxReplyLimitHours: reader.text("reply.faxHours"),
    },
    calendar,
  );
  const sla = slaParsed.ok ? slaParsed.value : { ...DEFAULT_SLA_SETTINGS, calendar };
  if (!slaParsed.ok) for (const e of slaParsed.errors) problems.push(`Settings ${e.key}: "${e.value}" ${e.message}`);
  const cadenceDays = {
    A: reader.number("cadence.A"),
    B: reader.number("cadence.B"),
    C: reader.number("cadence.C"),
    D: reader.number("cadence.D"),
    ungraded: reader.number("cadence.ungraded"),
  };
  return {
    lang: toLang(reader.text("language")),
    timeZone: calendar.timeZone,
    calendar,
    sla,
    cadenceDays,
    ownDomains: reader.list("company.domains").map((d) => d.toLowerCase().replace(/^@/, "")),
    ignoreList: reader.list("intake.ignore"),
    reader,
    problems: [...problems, ...reader.problems],
  };
}

function safeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

export function describeIssue(issue: DataIssue): string {
  return `${issue.sheet} row ${issue.row}, ${issue.column}: ${issue.problem} (value: ${JSON.stringify(String(issue.value))})`;
}

/** Kept here for the callers that read Settings; the parser itself belongs to the store. */
export { dateTextParser } from "../store/date-text";
