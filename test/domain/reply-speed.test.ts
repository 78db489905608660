import { describe, expect, it } from "vitest";
import {
  answerChanges,
  appendReplyHistory,
  parseReplyHistory,
  type ReplyRow,
  replySpeed,
  replySpeedBy,
  waitsOf,
} from "../../src/domain/reply-speed";
import { DEFAULT_SLA_SETTINGS } from "../../src/domain/sla";
import { DEFAULT_WORK_CALENDAR } from "../../src/domain/workCalendar";

/** Shanghai wall time as an instant ("2026-11-23T09:00" = 01:00 UTC). */
const sh = (local: string) => new Date(`${local}:00+08:00`);
const sla = { ...DEFAULT_SLA_SETTINGS, calendar: { ...DEFAULT_WORK_CALENDAR, timeZone: "Asia/Shanghai" } };
const MONDAY = sh("2026-11-23T00:00");
const NEXT_MONDAY = sh("2026-11-30T00:00");

function row(over: Partial<ReplyRow>): ReplyRow {
  return { receivedAt: sh("2026-11-23T09:00"), channel: "email", status: "new", ...over };
}

describe("reply history (R8)", () => {
  it("R8: waits are written and read back in UTC minutes; text a person changed is skipped", () => {
    let text = appendReplyHistory("", sh("2026-11-23T09:00"), sh("2026-11-23T10:30"));
    text = appendReplyHistory(text, sh("2026-11-23T14:00"), sh("2026-11-24T09:15"));
    expect(text).toBe("2026-11-23T01:00Z → 2026-11-23T02:30Z; 2026-11-23T06:00Z → 2026-11-24T01:15Z");
    expect(parseReplyHistory(`${text}; yesterday → today`)).toHaveLength(2);
    // The same wait answered twice (a rerun) is kept once.
    expect(appendReplyHistory(text, sh("2026-11-23T09:00"), sh("2026-11-23T11:00"))).toBe(text);
  });

  it("R7, R8: a row's waits: the answered ones, the open one, and the first from older rows without history", () => {
    const reopened = row({
      status: "new",
      repliedAt: sh("2026-11-23T10:30"),
      awaitingSince: sh("2026-11-23T14:00"),
      replyHistory: "2026-11-23T01:00Z → 2026-11-23T02:30Z",
    });
    expect(waitsOf(reopened).map((w) => [w.since, w.answeredAt, w.answered])).toEqual([
      [sh("2026-11-23T09:00"), sh("2026-11-23T10:30"), true],
      [sh("2026-11-23T14:00"), undefined, false],
    ]);
    const older = row({ status: "replied", repliedAt: sh("2026-11-23T11:00") });
    expect(waitsOf(older).map((w) => [w.since, w.answeredAt])).toEqual([
      [sh("2026-11-23T09:00"), sh("2026-11-23T11:00")],
    ]);
    const open = row({ awaitingSince: sh("2026-11-23T09:00") });
    expect(waitsOf(open)).toHaveLength(1);
    expect(waitsOf(open)[0].answered).toBe(false);
  });

  it("R8: answering moves the wait to the history and keeps the first answer as the inquiry's response", () => {
    const first = answerChanges(row({ awaitingSince: sh("2026-11-23T09:00") }), sh("2026-11-23T11:00"), sla.calendar);
    expect(first).toMatchObject({ status: "replied", awaitingSince: null, overdue: false, responseHours: 2 });
    expect(first.repliedAt).toEqual(sh("2026-11-23T11:00"));
    const again = answerChanges(
      row({
        ...first,
        status: "new",
        awaitingSince: sh("2026-11-23T15:00"),
      }),
      sh("2026-11-23T16:00"),
      sla.calendar,
    );
    expect(again.repliedAt).toEqual(sh("2026-11-23T11:00"));
    expect(again.responseHours).toBe(2);
    expect(parseReplyHistory(again.replyHistory)).toHaveLength(2);
  });
});

describe("reply speed per buyer message that awaited a reply (R7, R8, R26)", () => {
  const rows: (ReplyRow & { handler: string })[] = [
    // Answered in 1.5 working hours, then asked again and answered the next morning (past the 2 h aim).
    {
      ...row({
        status: "replied",
        repliedAt: sh("2026-11-23T10:30"),
        replyHistory: "2026-11-23T01:00Z → 2026-11-23T02:30Z; 2026-11-23T06:00Z → 2026-11-24T01:30Z",
      }),
      handler: "ann",
    },
    // A fax at 09:00 answered the next day at 10:00: past its 12 h limit (R26).
    {
      ...row({
        channel: "fax",
        status: "replied",
        repliedAt: sh("2026-11-24T10:00"),
        replyHistory: "2026-11-23T01:00Z → 2026-11-24T02:00Z",
      }),
      handler: "bob",
    },
    // Still waiting since Monday 09:00: past the one-day limit by Wednesday.
    { ...row({ awaitingSince: sh("2026-11-23T09:00") }), handler: "bob" },
    // From the week before: outside the period.
    { ...row({ receivedAt: sh("2026-11-16T09:00"), awaitingSince: sh("2026-11-16T09:00") }), handler: "ann" },
  ];
  const options = { from: MONDAY, to: NEXT_MONDAY, asOf: sh("2026-11-25T12:00"), sla };

  it("R7, R8, R26: every wait counted once, answered in target, in limit, unanswered, past the limit", () => {
    const speed = replySpeed(rows, options);
    expect(speed).toMatchObject({
      awaited: 4,
      answered: 3,
      withinTarget: 1,
      withinLimit: 2,
      unanswered: 1,
      pastLimit: 1,
    });
    // 1.5 h; 14:00 -> next day 09:30 is 4 + 0.5 working hours (09:00–18:00); the fax 9 + 1 working hours.
    expect(speed.hours).toEqual([1.5, 4.5, 10]);
    expect(speed.medianHours).toBe(4.5);
  });

  it("R8: an answer after the moment the figures describe is not an answer yet", () => {
    const early = replySpeed(rows, { ...options, asOf: sh("2026-11-23T12:00") });
    // Monday noon: the 09:00 mail answered at 10:30; the other two Monday 09:00 waits not yet; 14:00 not arrived.
    expect(early).toMatchObject({ awaited: 3, answered: 1, unanswered: 2, pastLimit: 0 });
  });

  it("R7: per handler, the same way", () => {
    const by = replySpeedBy(rows, (r) => r.handler, options);
    expect(by.get("ann")).toMatchObject({ awaited: 2, answered: 2, withinTarget: 1 });
    expect(by.get("bob")).toMatchObject({ awaited: 2, answered: 1, unanswered: 1, pastLimit: 1, withinLimit: 0 });
  });

  it("bad rows give no figure and no crash", () => {
    const speed = replySpeed(
      [row({ receivedAt: null }), row({ receivedAt: new Date(Number.NaN) }), row({ replyHistory: "garbage" })],
      options,
    );
    expect(speed.awaited).toBe(1);
  });
});
