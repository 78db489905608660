import { describe, expect, it } from "vitest";
import { Budget } from "../../../src/app/budget";
import {
  isFinished,
  type ReportKind,
  type ReportProgress,
  type ReportResult,
  reportSlice,
  writeReport,
} from "../../../src/features/reports/reports";
import { setupWorkbook } from "../../../src/features/setup/setup";
import { bookState } from "../../../src/gas/book-state";
import { SCRATCH_SHEET } from "../../../src/gas/scratch";
import type { SheetSpec } from "../../../src/store/columns";
import { loadTable } from "../../../src/store/load-table";
import { Buyers, FollowUps, Inquiries, Quotes, Samples, Staff } from "../../../src/store/schemas";
import { emptyRecord, TableWriter } from "../../../src/store/table";
import { installGas, type TestWorld } from "../../support/gas";

/**
 * A report walked over many small slices (executions) has exactly the figures of one walk over every row: the
 * Doc each writes is the same, word for word. The book is generated (deterministically) with mail in several
 * languages, so the lists the report shows carry real text.
 */
const ASSISTANT = "amy@acme-tools.cn";
const BOSS = "boss@acme-tools.cn";
const SALES = ["li@acme-tools.cn", "wang@acme-tools.cn", "chen@acme-tools.cn"];
/** Saturday 28 Nov 2026, 16:00 in Shanghai: the W48 report slot. */
const NOW = new Date("2026-11-28T08:00:00Z");
const DAY = 86_400_000;
const START = NOW.getTime() - 70 * DAY;
const SUBJECTS = [
  "询价：不锈钢螺丝 M8 5000 件",
  "Request for quotation — cordless drills, 2 pallets",
  "Solicitud de cotización: taladros inalámbricos",
  "طلب عرض سعر للمثاقب",
  "Запрос цены на дрели",
  "Pedido de cotação: brocas",
  "Demande de prix pour perceuses",
  "Preisanfrage Akku-Bohrschrauber",
  "Yêu cầu báo giá máy khoan",
  "드릴 견적 요청",
];

function append<S extends SheetSpec>(w: TestWorld, spec: S, records: Record<string, unknown>[]): void {
  const writer = new TableWriter(loadTable(w.book, spec, "Asia/Shanghai"));
  for (const r of records) writer.append({ ...emptyRecord(spec), ...r } as never);
  writer.commit();
}

/** ~60 buyers, 400 inquiries, 700 follow-ups, quotes and samples over ten weeks up to the report. */
function world(): TestWorld {
  const w = installGas({ owner: ASSISTANT, now: NOW.toISOString() });
  w.env.ctx.meter.quietly(() => {
    setupWorkbook(w.book, ASSISTANT, "en", new Date(START));
    const staff = new TableWriter(loadTable(w.book, Staff, "Asia/Shanghai"));
    staff.update(ASSISTANT, { role: "assistant", name: "Amy" });
    staff.commit();
    append(w, Staff, [
      { email: BOSS, name: "Boss Zhang", role: "boss", status: "active", language: "en" },
      ...SALES.map((email, i) => ({ email, name: `Sales ${i + 1}`, role: "salesperson", status: "active" })),
    ]);
    const at = (i: number, n: number) => new Date(START + Math.floor((i / n) * (NOW.getTime() - START)));
    append(
      w,
      Buyers,
      Array.from({ length: 60 }, (_, i) => ({
        id: `B-${String(i + 1).padStart(6, "0")}`,
        company: `买家 ${i + 1} Trading`,
        country: ["China", "Germany", "Vietnam", "United Arab Emirates", "Brazil"][i % 5],
        grade: i % 6 === 0 ? "" : "ABCD"[i % 4],
        owner: SALES[i % 3],
        status: i % 17 === 0 ? "do-not-contact" : "active",
        created: at(i, 90),
      })),
    );
    append(
      w,
      Inquiries,
      Array.from({ length: 400 }, (_, i) => {
        const received = at(i, 400);
        const replied = i % 9 === 0 ? null : new Date(received.getTime() + (1 + (i % 20)) * 1_800_000);
        return {
          id: `I-${String(i + 1).padStart(6, "0")}`,
          receivedAt: received,
          repliedAt: replied,
          buyerId: `B-${String((i % 60) + 1).padStart(6, "0")}`,
          channel: i % 13 === 0 ? "fax" : i % 4 === 0 ? "platform" : "email",
          source: i % 4 === 0 ? "alibaba" : "email",
          grade: i % 5 === 0 ? "" : "ABCD"[i % 4],
          owner: SALES[i % 3],
          assignedTo: i % 11 === 0 ? SALES[(i + 1) % 3] : "",
          status: replied ? "replied" : i % 27 === 0 ? "closed" : "new",
          subject: SUBJECTS[i % SUBJECTS.length],
          fromName: `Buyer ${i}`,
        };
      }),
    );
    append(
      w,
      FollowUps,
      Array.from({ length: 700 }, (_, i) => ({
        id: `F-${String(i + 1).padStart(6, "0")}`,
        at: at(i, 700),
        buyerId: `B-${String(((i * 7) % 60) + 1).padStart(6, "0")}`,
        by: SALES[i % 3],
        kind: i % 25 === 0 ? "grade" : i % 19 === 0 ? "sample" : i % 8 === 0 ? "note" : "follow-up",
        summary: i % 25 === 0 ? "B → A" : `跟进 ${i}: ${SUBJECTS[i % SUBJECTS.length]}`,
        nextStep: i % 3 === 0 ? "Send the revised price list" : "",
        needsBoss: i % 97 === 0,
        bossAnswer: i % 194 === 0 ? "同意" : "",
      })),
    );
    append(
      w,
      Quotes,
      Array.from({ length: 40 }, (_, i) => ({
        id: `Q-2026-${String(i + 1).padStart(4, "0")}`,
        date: at(i, 40),
        buyerId: `B-${String((i % 60) + 1).padStart(6, "0")}`,
        by: SALES[i % 3],
        status: i % 3 === 0 ? "draft" : "sent",
        total: String(1000 + i),
        currency: "USD",
      })),
    );
    append(
      w,
      Samples,
      Array.from({ length: 20 }, (_, i) => ({
        id: `S-${String(i + 1).padStart(6, "0")}`,
        buyerId: `B-${String((i % 60) + 1).padStart(6, "0")}`,
        sent: at(i, 20),
        feedbackDue: new Date(at(i, 20).getTime() + 14 * DAY),
        kind: "physical",
        result: i % 3 === 0 ? "" : "Approved",
      })),
    );
  });
  return w;
}

function docText(w: TestWorld, id: string): string {
  return w.env.ctx.meter.quietly(() => DocumentApp.openById(id).getBody().getText());
}

/** Runs slices as successive executions, each with `sliceMs` of modeled time, until the report is written. */
function sliced(w: TestWorld, kind: ReportKind, between?: (slice: number) => void) {
  w.env.ctx.modelTime = true;
  const progress: ReportProgress[] = [];
  for (let i = 0; i < 200; i += 1) {
    const budget = new Budget(270_000, () => w.env.ctx.clock.nowMs());
    const out = reportSlice(kind, { book: w.book, now: NOW, budget, chunkRows: 40, sliceMs: 5_400 });
    if (isFinished(out)) return { result: out, progress };
    progress.push(out);
    between?.(i);
  }
  throw new Error("the report never finished");
}

describe("a report in slices (R33, R35, R19)", () => {
  it("R33: the weekly report walked over many slices is word for word the one-walk report", () => {
    const one = world();
    const whole = writeReport("weekly", { book: one.book, now: NOW }) as ReportResult;
    expect(whole.slices).toBe(1);

    const many = world();
    const { result, progress } = sliced(many, "weekly");
    expect(progress.length).toBeGreaterThanOrEqual(3);
    // Each slice went further than the last: the walk goes on where it stopped.
    const place = progress.map(
      (p) =>
        `${["inquiries", "followUps", "quotes", "samples", "finish"].indexOf(p.table)}:${String(p.row).padStart(6, "0")}`,
    );
    expect([...place].sort()).toEqual(place);
    expect(result.slices).toBe(progress.length + 1);
    expect(result.restarts).toBe(0);
    expect(docText(many, result.docId)).toBe(docText(one, whole.docId));
    // Done: no walk left in the book's state, the scratch emptied.
    expect(bookState(many.book.getId()).get("report.run.weekly", null)).toBeNull();
    const scratch = many.env.ctx.meter.quietly(() => many.book.getSheetByName(SCRATCH_SHEET));
    expect(scratch).not.toBeNull();
    expect(
      many.env.ctx.meter.quietly(() =>
        scratch!
          .getDataRange()
          .getValues()
          .flat()
          .filter((v) => v !== ""),
      ),
    ).toEqual([]);
  });

  it.each([
    ["midweek", "R35"],
    ["monthly-a", "R19"],
  ] as const)("%s (%s): walked in slices, the same Doc as one walk", (kind, _rule) => {
    const one = world();
    const whole = writeReport(kind, { book: one.book, now: NOW }) as ReportResult;
    const many = world();
    const { result, progress } = sliced(many, kind);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(docText(many, result.docId)).toBe(docText(one, whole.docId));
  });

  it("R33: rows sorted by a person between two slices make the walk start again, and the figures stay right", () => {
    const one = world();
    const whole = writeReport("weekly", { book: one.book, now: NOW }) as ReportResult;
    const many = world();
    let sorted = false;
    const { result } = sliced(many, "weekly", (slice) => {
      if (slice !== 1 || sorted) return;
      sorted = true;
      many.env.ctx.meter.quietly(() => {
        const sheet = many.book.getSheetByName(Inquiries.name)!;
        sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort({ column: 2, ascending: false });
      });
    });
    expect(sorted).toBe(true);
    expect(result.restarts).toBe(1);
    expect(bookState(many.book.getId()).get("report.run.weekly", null)).toBeNull();
    expect(docText(many, result.docId)).toBe(docText(one, whole.docId));
  });

  it("a scratch sheet edited by hand is noticed (checksum) and the walk starts again rather than feed wrong figures", () => {
    const one = world();
    const whole = writeReport("weekly", { book: one.book, now: NOW }) as ReportResult;
    const many = world();
    let edited = false;
    const { result } = sliced(many, "weekly", (slice) => {
      if (slice !== 0) return;
      edited = true;
      many.env.ctx.meter.quietly(() => {
        const cell = many.book.getSheetByName(SCRATCH_SHEET)!.getRange(1, 1);
        cell.setValue(String(cell.getValue()).replace(/"current":\d+/, '"current":999'));
      });
    });
    expect(edited).toBe(true);
    expect(result.restarts).toBe(1);
    expect(docText(many, result.docId)).toBe(docText(one, whole.docId));
  });
});
