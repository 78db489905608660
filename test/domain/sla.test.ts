import { describe, expect, it } from "vitest";
import {
  addWorkingDayHours,
  addWorkingHours,
  DEFAULT_SLA_SETTINGS,
  nextWorkingInstant,
  parseSlaSettings,
  replyDue,
  responseHours,
  type SlaSettings,
  slaState,
  workingMsBetween,
} from "../../src/domain/sla";
import { DEFAULT_WORK_CALENDAR, type WorkCalendar } from "../../src/domain/workCalendar";

/** Shanghai wall time -> instant. 2026-11-23 is a Monday. */
const sh = (local: string) => new Date(`${local}+08:00`);
const H = 3600_000;
const cal = DEFAULT_WORK_CALENDAR; // Mon–Fri 09:00–18:00, Asia/Shanghai
const settings = (calendar: WorkCalendar): SlaSettings => ({ ...DEFAULT_SLA_SETTINGS, calendar });

describe("working time", () => {
  it("counts only opening hours between two instants", () => {
    expect(workingMsBetween(sh("2026-11-24T08:00"), sh("2026-11-24T10:30"), cal)).toBe(1.5 * H);
    // Friday 17:00 to Monday 10:00 = 1 h Friday + 1 h Monday.
    expect(workingMsBetween(sh("2026-11-27T17:00"), sh("2026-11-30T10:00"), cal)).toBe(2 * H);
    expect(workingMsBetween(sh("2026-11-23T00:00"), sh("2026-11-30T00:00"), cal)).toBe(45 * H);
    expect(workingMsBetween(sh("2026-11-30T10:00"), sh("2026-11-27T17:00"), cal)).toBe(0);
  });

  it("adds working hours, ending exactly at closing time on the same day", () => {
    expect(addWorkingHours(sh("2026-11-24T16:00"), 2, cal)).toEqual(sh("2026-11-24T18:00"));
    expect(addWorkingHours(sh("2026-11-24T16:00"), 2.5, cal)).toEqual(sh("2026-11-25T09:30"));
    expect(addWorkingHours(sh("2026-11-27T17:30"), 2, cal)).toEqual(sh("2026-11-30T10:30"));
  });

  it("starts the clock at the next opening time when out of hours", () => {
    expect(nextWorkingInstant(sh("2026-11-24T12:00"), cal)).toEqual(sh("2026-11-24T12:00"));
    expect(nextWorkingInstant(sh("2026-11-24T18:00"), cal)).toEqual(sh("2026-11-25T09:00"));
    expect(nextWorkingInstant(sh("2026-11-28T10:00"), cal)).toEqual(sh("2026-11-30T09:00"));
  });

  it("respects a lunch break when hours are split", () => {
    const lunch: WorkCalendar = {
      ...cal,
      periods: [
        { start: 9 * 60, end: 12 * 60 },
        { start: 13 * 60 + 30, end: 18 * 60 },
      ],
    };
    expect(addWorkingHours(sh("2026-11-24T11:30"), 2, lunch)).toEqual(sh("2026-11-24T15:00"));
    expect(workingMsBetween(sh("2026-11-24T00:00"), sh("2026-11-25T00:00"), lunch)).toBe(7.5 * H);
  });

  it("runs the limit clock through working days only", () => {
    expect(addWorkingDayHours(sh("2026-11-27T17:00"), 24, cal)).toEqual(sh("2026-11-30T17:00"));
    expect(addWorkingDayHours(sh("2026-11-24T09:00"), 24, cal)).toEqual(sh("2026-11-25T09:00"));
  });

  it("refuses negative durations and a calendar with no working days", () => {
    expect(() => addWorkingHours(sh("2026-11-24T09:00"), -1, cal)).toThrow(RangeError);
    expect(() => addWorkingHours(sh("2026-11-24T09:00"), 1, { ...cal, workingDays: [] })).toThrow(/no working time/);
  });
});

describe("replyDue", () => {
  it("R8: an inquiry during hours is due within 2 working hours, at the latest the same time next working day", () => {
    const due = replyDue(sh("2026-11-24T10:15"), "email");
    expect(due.clockStartsAt).toEqual(sh("2026-11-24T10:15"));
    expect(due.targetAt).toEqual(sh("2026-11-24T12:15"));
    expect(due.limitAt).toEqual(sh("2026-11-25T10:15"));
  });

  it("R8: an inquiry at 03:00 starts the clock at opening time", () => {
    const due = replyDue(sh("2026-11-24T03:00"), "email");
    expect(due.clockStartsAt).toEqual(sh("2026-11-24T09:00"));
    expect(due.targetAt).toEqual(sh("2026-11-24T11:00"));
    expect(due.limitAt).toEqual(sh("2026-11-25T09:00"));
  });

  it("R8: an inquiry on Saturday night waits for Monday's opening", () => {
    const due = replyDue(sh("2026-11-28T22:00"), "platform");
    expect(due.targetAt).toEqual(sh("2026-11-30T11:00"));
    expect(due.limitAt).toEqual(sh("2026-12-01T09:00"));
  });

  it("R8: with Saturday as a working day, a Saturday-night inquiry is still due Monday (Sunday is off)", () => {
    const due = replyDue(sh("2026-11-28T22:00"), "email", settings({ ...cal, workingDays: [1, 2, 3, 4, 5, 6] }));
    expect(due.targetAt).toEqual(sh("2026-11-30T11:00"));
  });

  it("R8: a Friday-afternoon inquiry's one-day limit skips the weekend", () => {
    const due = replyDue(sh("2026-11-27T17:00"), "email");
    expect(due.targetAt).toEqual(sh("2026-11-30T10:00"));
    expect(due.limitAt).toEqual(sh("2026-11-30T17:00"));
  });

  it("R8: an inquiry on a holiday starts the clock on the next working day; make-up days count", () => {
    const holidays = ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"];
    const national = settings({ ...cal, holidays });
    const due = replyDue(sh("2026-10-01T10:00"), "email", national);
    expect(due.clockStartsAt).toEqual(sh("2026-10-08T09:00"));
    expect(due.limitAt).toEqual(sh("2026-10-09T09:00"));
    // Saturday 10 Oct worked as a make-up day (调休).
    const makeUp = settings({ ...cal, holidays, extraWorkingDays: ["2026-10-10"] });
    expect(replyDue(sh("2026-10-09T17:00"), "email", makeUp).targetAt).toEqual(sh("2026-10-10T10:00"));
    expect(replyDue(sh("2026-10-09T17:00"), "email", national).targetAt).toEqual(sh("2026-10-12T10:00"));
  });

  it("R26: a fax inquiry must be answered within 12 hours", () => {
    const due = replyDue(sh("2026-11-25T10:00"), "Fax");
    expect(due.targetAt).toEqual(sh("2026-11-25T12:00"));
    expect(due.limitAt).toEqual(sh("2026-11-25T22:00"));
    expect(due.rule.limitHours).toBe(12);
  });

  it("R26: a fax limit never falls before the 2 h target (fax at Friday closing)", () => {
    const due = replyDue(sh("2026-11-27T17:30"), "fax");
    expect(due.targetAt).toEqual(sh("2026-11-30T10:30"));
    expect(due.limitAt).toEqual(due.targetAt);
  });

  it("R7: every inquiry gets a due time, whatever (or no) channel it came by", () => {
    for (const channel of [undefined, "", "carrier pigeon"]) {
      expect(replyDue(sh("2026-11-24T10:00"), channel).targetAt).toEqual(sh("2026-11-24T12:00"));
    }
  });

  it("R8: target and limit hours are configurable", () => {
    const custom = { ...DEFAULT_SLA_SETTINGS, targetWorkingHours: 4, limitHours: 48 };
    const due = replyDue(sh("2026-11-24T10:00"), "email", custom);
    expect(due.targetAt).toEqual(sh("2026-11-24T14:00"));
    expect(due.limitAt).toEqual(sh("2026-11-26T10:00"));
  });
});

describe("DST in Europe/Berlin", () => {
  const berlin: WorkCalendar = { ...cal, timeZone: "Europe/Berlin" };
  const everyDay: WorkCalendar = { ...berlin, workingDays: [1, 2, 3, 4, 5, 6, 7] };

  it("R8: opening hours follow the local clock across the spring change", () => {
    // Friday 27 Mar 2026 17:00 CET; Monday 30 Mar is CEST.
    const due = replyDue(new Date("2026-03-27T16:00:00Z"), "email", settings(berlin));
    expect(due.targetAt.toISOString()).toBe("2026-03-30T08:00:00.000Z"); // 10:00 CEST
    expect(due.limitAt.toISOString()).toBe("2026-03-30T15:00:00.000Z"); // 17:00 CEST
  });

  it("R8: the one-day limit is 24 real hours through a 23 h and a 25 h day", () => {
    const spring = replyDue(new Date("2026-03-28T11:00:00Z"), "email", settings(everyDay)); // Sat 12:00 CET
    expect(spring.limitAt.getTime() - spring.clockStartsAt.getTime()).toBe(24 * H);
    expect(spring.limitAt.toISOString()).toBe("2026-03-29T11:00:00.000Z"); // Sun 13:00 CEST
    const autumn = replyDue(new Date("2026-10-24T10:00:00Z"), "email", settings(everyDay)); // Sat 12:00 CEST
    expect(autumn.limitAt.toISOString()).toBe("2026-10-25T10:00:00.000Z"); // Sun 11:00 CET
  });

  it("counts 9 working hours on the day the clocks change", () => {
    const day = (d: string) => workingMsBetween(new Date(`${d}T00:00:00Z`), new Date(`${d}T23:00:00Z`), everyDay);
    expect(day("2026-03-29")).toBe(9 * H);
    expect(day("2026-10-25")).toBe(9 * H);
  });
});

describe("responseHours", () => {
  it("R8: measures the reply in working hours with 2 decimals", () => {
    expect(responseHours(sh("2026-11-24T03:00"), sh("2026-11-24T10:30"), cal)).toBe(1.5);
    expect(responseHours(sh("2026-11-27T17:00"), sh("2026-11-30T09:20"), cal)).toBe(1.33);
    expect(responseHours(sh("2026-11-28T10:00"), sh("2026-11-29T10:00"), cal)).toBe(0);
  });
});

describe("slaState", () => {
  const received = sh("2026-11-24T03:00"); // target 11:00, limit Wed 09:00
  const at = (now: string) => slaState({ receivedAt: received, channel: "email" }, sh(now));

  it("R8: ok, then due-soon, then target-missed, then overdue", () => {
    expect(at("2026-11-24T09:30").state).toBe("ok");
    expect(at("2026-11-24T10:30").state).toBe("due-soon");
    expect(at("2026-11-24T11:00").state).toBe("target-missed");
    expect(at("2026-11-24T17:59").state).toBe("target-missed");
    expect(at("2026-11-25T09:00").state).toBe("overdue");
  });

  it("R8: reports time left to target and limit", () => {
    const s = at("2026-11-24T10:30");
    expect(s.msToTarget).toBe(0.5 * H);
    expect(s.workingMsToTarget).toBe(0.5 * H);
    expect(s.msToLimit).toBe(22.5 * H);
    expect(at("2026-11-25T10:00").msToLimit).toBe(-1 * H);
  });

  it("R8: due-soon is judged on working time, not on the night in between", () => {
    // Target Monday 10:00 for a Friday-17:00 inquiry: at Friday 17:45 only 1 h 15 working minutes remain.
    const friday = { receivedAt: sh("2026-11-27T17:00") };
    expect(slaState(friday, sh("2026-11-27T17:45")).state).toBe("ok");
    expect(slaState(friday, sh("2026-11-30T09:40")).state).toBe("due-soon");
  });

  it("R8: an answer within the limit is in time; metTarget tells whether the 2 h aim was met", () => {
    const fast = slaState({ receivedAt: received, repliedAt: sh("2026-11-24T10:00") }, sh("2026-11-30T00:00"));
    expect([fast.state, fast.metTarget]).toEqual(["answered-in-time", true]);
    const slower = slaState({ receivedAt: received, repliedAt: sh("2026-11-24T15:00") }, sh("2026-11-30T00:00"));
    expect([slower.state, slower.metTarget]).toEqual(["answered-in-time", false]);
    const late = slaState({ receivedAt: received, repliedAt: sh("2026-11-25T09:01") }, sh("2026-11-30T00:00"));
    expect([late.state, late.metTarget]).toEqual(["answered-late", false]);
  });

  it("R26: an unanswered fax is overdue after 12 hours", () => {
    const fax = { receivedAt: sh("2026-11-25T10:00"), channel: "fax" };
    expect(slaState(fax, sh("2026-11-25T21:59")).state).toBe("target-missed");
    expect(slaState(fax, sh("2026-11-25T22:00")).state).toBe("overdue");
  });
});

describe("parseSlaSettings", () => {
  it("keeps R8/R26 defaults for blanks and reads numbers", () => {
    const parsed = parseSlaSettings({ replyTargetHours: "3", faxReplyLimitHours: " 8 " }, cal);
    expect(parsed.ok && parsed.value.targetWorkingHours).toBe(3);
    expect(parsed.ok && parsed.value.limitHours).toBe(24);
    expect(parsed.ok && parsed.value.channels.fax.limitHours).toBe(8);
  });

  it("names the Settings key and value it cannot read", () => {
    const parsed = parseSlaSettings({ replyLimitHours: "one day" }, cal);
    expect(parsed).toEqual({
      ok: false,
      errors: [{ key: "replyLimitHours", value: "one day", message: expect.stringContaining("positive number") }],
    });
  });
});
