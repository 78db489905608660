/**
 * The demo's past three weeks, lived through the add-on's own code: the clock is set to each moment in turn and
 * the built bundle's functions run as the person who would have acted then — each mailbox pulled at its pull
 * slots (menuPullNow), new inquiries graded and answered (rpc gradeInquiry / logFollowUp), quotes saved as
 * Gmail drafts and marked sent (saveQuote / quoteSent), samples requested, shipped and delivered
 * (requestSample / updateSample), contacts logged, and the boss's weekly report written each Saturday 16:00.
 * Mail that arrived after the last pull stays in the inbox, so "Pull mail now" has something to do.
 */
import { parseRawMail } from "@buyerbook/gas-emulator";
import { addDaysToKey, dateKeyToInstant, weekdayOfKey, zonedDateKey } from "../../src/domain/time";
import { mapHeaders } from "../../src/store/headers";
import { Inquiries } from "../../src/store/schemas";
import type { LocalSession } from "../runtime/session";
import { ASSISTANT, DEMO_PRODUCTS, TIME_ZONE } from "./company";
import type { DemoMail } from "./mails";
import type { SeededRandom } from "./random";
import type { Row } from "./records";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Company-time pull slots (the Settings default "08:30,12:30,17:30" thinned to twice a day). */
const PULL_MINUTES = [8 * 60 + 30, 17 * 60 + 30];

export interface HistorySummary {
  pulls: number;
  inquiries: number;
  graded: number;
  followUps: number;
  quotes: number;
  samples: number;
  reports: string[];
  /** Mails delivered after the last pull: still in the inbox when the workbench opens. */
  waiting: number;
  problems: string[];
}

interface Event {
  at: number;
  run: () => void;
}

/** The moment of the last pull: the latest pull slot at least 20 hours before now (mail of the last day waits in the inbox). */
export function lastPullBefore(now: Date): Date {
  const today = zonedDateKey(now, TIME_ZONE);
  let best = 0;
  for (let d = -2; d <= 0; d++)
    for (const m of PULL_MINUTES) {
      const at = dateKeyToInstant(addDaysToKey(today, d), TIME_ZONE, m).getTime();
      if (at <= now.getTime() - 20 * HOUR) best = Math.max(best, at);
    }
  return new Date(best);
}

export async function liveHistory(
  session: LocalSession,
  rnd: SeededRandom,
  now: Date,
  mails: DemoMail[],
  files: string[],
  followUps: Row[],
): Promise<HistorySummary> {
  const summary: HistorySummary = {
    pulls: 0,
    inquiries: 0,
    graded: 0,
    followUps: 0,
    quotes: 0,
    samples: 0,
    reports: [],
    waiting: 0,
    problems: [],
  };
  const { env } = session;
  const parsed = await Promise.all(
    mails.map(async (m, i) => ({ mail: m, content: await parseRawMail(m.raw, `<demo-${i}@mail.emulated>`) })),
  );
  const lastPull = lastPullBefore(now).getTime();
  const events: Event[] = [];
  const at = (when: number, run: () => void) => {
    if (when < now.getTime()) events.push({ at: when, run });
  };
  const rpc = (user: string, method: string, payload: unknown): Record<string, unknown> | undefined => {
    const result = JSON.parse(session.run<string>("rpc", [method, JSON.stringify(payload)], user)) as {
      ok: boolean;
      data?: Record<string, unknown>;
      error?: string;
    };
    if (!result.ok) summary.problems.push(`${method} as ${user}: ${result.error}`);
    return result.ok ? result.data : undefined;
  };

  // Mail arrives at its date; each mailbox is pulled at the slots after it.
  let next = 0;
  const deliverUntil = (until: number) => {
    for (; next < parsed.length && parsed[next].mail.date.getTime() <= until; next++) {
      const { mail, content } = parsed[next];
      // Marked as the folder's file, so a restart loads it from there instead of keeping a second copy.
      env.mail.mailbox(mail.mailbox).import(content, mail.date, content.messageId).loadedFrom = files[next];
    }
  };
  const first = Math.min(...mails.map((m) => m.date.getTime()));
  const startKey = zonedDateKey(new Date(first), TIME_ZONE);
  for (let d = 0; d < 30; d++)
    for (const m of PULL_MINUTES) {
      const slot = dateKeyToInstant(addDaysToKey(startKey, d), TIME_ZONE, m).getTime();
      if (slot > lastPull) continue;
      at(slot, () => {
        const before = next;
        deliverUntil(slot);
        const boxes = new Set(parsed.slice(before, next).map((p) => p.mail.mailbox));
        for (const box of [...boxes].sort()) {
          session.run("menuPullNow", [], box);
          summary.pulls++;
        }
        if (boxes.size > 0) triage(slot);
      });
    }

  // Each new inquiry: its owner grades most within the hour, answers platform ones there, quotes the better ones.
  const seen = new Set<string>();
  const triage = (pulledAt: number) => {
    for (const inquiry of readInquiries(session)) {
      if (seen.has(inquiry.id)) continue;
      seen.add(inquiry.id);
      summary.inquiries++;
      if (!inquiry.buyerId || !inquiry.owner || rnd.chance(0.15)) continue;
      const grade = rnd.pick(["A", "B", "B", "C", "C", "D"] as const);
      const owner = inquiry.owner;
      const t0 = pulledAt + rnd.int(10, 50) * 60_000;
      at(t0, () => {
        if (rpc(owner, "gradeInquiry", { inquiryId: inquiry.id, grade })) summary.graded++;
      });
      if (inquiry.channel !== "email")
        at(t0 + 20 * 60_000, () => {
          const ok = rpc(owner, "logFollowUp", {
            buyerId: inquiry.buyerId,
            inquiryId: inquiry.id,
            channel: "platform",
            summary: "Answered on the platform with prices and the e-catalogue",
            nextStep: "Wait for feedback",
            answered: true,
          });
          if (ok) summary.followUps++;
        });
      if (grade === "D" || grade === "C") continue;
      const products = DEMO_PRODUCTS.filter((p) => p.keyContact === owner);
      const product = rnd.pick(products.length > 0 ? products : DEMO_PRODUCTS);
      const qty = product.moq * rnd.int(2, 8);
      at(t0 + HOUR, () => {
        const quote = rpc(owner, "saveQuote", {
          buyerId: inquiry.buyerId,
          inquiryId: inquiry.id,
          items: [{ code: product.code, qty }],
        });
        if (!quote) return;
        summary.quotes++;
        // Most quotes go out within the hour; a few stay drafts for the desk to show.
        if (!rnd.chance(0.25)) at(t0 + 2 * HOUR, () => rpc(owner, "quoteSent", { quoteId: quote.quoteId }));
      });
      if (grade !== "A") continue;
      at(t0 + DAY, () => {
        const sample = rpc(owner, "requestSample", {
          buyerId: inquiry.buyerId,
          inquiryId: inquiry.id,
          products: [product.code],
          kind: "physical",
          buyerOffersCourier: rnd.chance(0.5),
        });
        if (!sample) return;
        summary.samples++;
        const sampleId = sample.sampleId;
        const sent = t0 + 2 * DAY;
        at(sent, () =>
          rpc(owner, "updateSample", {
            sampleId,
            courier: "DHL",
            tracking: String(rnd.int(1_000_000_000, 1_999_999_999)),
            sent: new Date(sent).toISOString(),
          }),
        );
        at(sent + 5 * DAY, () =>
          rpc(owner, "updateSample", { sampleId, delivered: new Date(sent + 5 * DAY).toISOString() }),
        );
      });
    }
  };

  // The contacts of the known buyers, as their owners logged them.
  for (const f of followUps) {
    const when = (f.at as Date).getTime();
    at(when, () => {
      const ok = rpc(String(f.by), "logFollowUp", {
        buyerId: f.buyerId,
        channel: f.channel,
        summary: f.summary,
        nextStep: f.nextStep,
        needsBoss: f.needsBoss === true,
      });
      if (ok) summary.followUps++;
    });
  }

  // The boss's weekly report, each Saturday 16:00 of the three weeks.
  for (let d = 0; d < 30; d++) {
    const key = addDaysToKey(startKey, d);
    if (weekdayOfKey(key) !== 6) continue;
    const saturday = dateKeyToInstant(key, TIME_ZONE, 16 * 60);
    at(saturday.getTime(), () => {
      // The assistant writes the boss's report (R33); a big week may take a few slices, each its own run.
      for (let slice = 0; slice < 10; slice++) {
        const report = JSON.parse(session.run<string>("menuWeeklyReport", [], ASSISTANT)) as { name?: string };
        if (report.name) {
          summary.reports.push(report.name);
          break;
        }
      }
    });
  }

  // Run in time order; an event may add later ones (which are then run in their turn).
  while (events.length > 0) {
    events.sort((a, b) => a.at - b.at);
    const event = events.shift()!;
    env.ctx.clock.set(event.at);
    event.run();
  }
  env.ctx.clock.set(now.getTime());
  summary.waiting = parsed.length - next;
  deliverUntil(now.getTime());
  return summary;
}

interface InquiryRow {
  id: string;
  buyerId: string;
  owner: string;
  channel: string;
}

function readInquiries(session: LocalSession): InquiryRow[] {
  const sheet = session.book().getSheetByName(Inquiries.name);
  if (!sheet || sheet.getLastRow() < 2) return [];
  const values = session.env.ctx.meter.quietly(() => sheet.getDataRange().getValues());
  const { index } = mapHeaders(Inquiries, values[0]);
  const cell = (row: unknown[], key: string) => String(row[index.get(key) ?? -1] ?? "");
  return values.slice(1).map((row) => ({
    id: cell(row, "id"),
    buyerId: cell(row, "buyerId"),
    owner: cell(row, "owner").toLowerCase(),
    channel: cell(row, "channel"),
  }));
}
