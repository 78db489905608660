/**
 * The deputy exploit (R6, R34): a salesperson made herself deputy of a colleague by typing in his Staff row,
 * after which grading his buyers succeeded. Now the sheet refuses her typing (her own row's away cells are
 * hers alone), and were a typed deputy to get through anyway, the server honours only deputies the person
 * themself or a manager set — in Google Workspace and in consumer accounts.
 */
import { describe, expect, it } from "vitest";
import { allowSelfAway } from "../../../src/features/setup";
import { installAuditTrigger } from "../../../src/features/staff/edit-audit";
import { ENTRY_POINTS } from "../../../src/program";
import { Log, Staff } from "../../../src/store/schemas";
import { CACHE_SECONDS } from "../../../src/store/small-tables";
import { readTable } from "../../../src/store/table";
import { ALICE, ASSISTANT, BOSS, buyerRow, makeWorld, NOW, staffRow } from "../../support/world";

const CAROL = "carol@acme-tools.cn";
const YESTERDAY = new Date(NOW.getTime() - 86_400_000);
const NEXT_WEEK = new Date(NOW.getTime() + 7 * 86_400_000);

function world(account: "workspace" | "consumer") {
  // makeWorld builds on installGas; the account kind decides what the audit trigger may know of the editor.
  const w = makeWorld({
    staff: [
      staffRow({ email: ASSISTANT, role: "assistant" }),
      staffRow({ email: ALICE, role: "salesperson", name: "Alice" }),
      staffRow({ email: CAROL, role: "salesperson", name: "Carol" }),
    ],
    buyers: [buyerRow({ id: "B-000001", company: "Alice's buyer", owner: ALICE })],
    account,
  });
  w.env.ctx.meter.quietly(() => w.env.ctx.runAs(BOSS, () => allowSelfAway(w.book)));
  w.env.setInvoker((handler, event) =>
    (ENTRY_POINTS as unknown as Record<string, (e: unknown) => unknown>)[handler](event),
  );
  w.env.ctx.meter.quietly(() => w.env.ctx.runAs(BOSS, () => installAuditTrigger(w.book)));
  return w;
}

/** Alice's Staff row and its away cells (1-based columns). */
function aliceCells(w: ReturnType<typeof world>) {
  return w.env.ctx.meter.quietly(() => {
    const sheet = w.book.getSheetByName(Staff.name)!;
    const row =
      sheet
        .getDataRange()
        .getValues()
        .findIndex((l) => l[0] === ALICE) + 1;
    const col = (key: string) => Staff.columns.findIndex((c) => c.key === key) + 1;
    return { sheet, row, deputy: col("deputy"), from: col("awayFrom"), until: col("awayUntil") };
  });
}

/** Types Alice's away cells as `who` (a hand edit: checked by the sheet's protections), then fires the audit. */
function typeAway(w: ReturnType<typeof world>, who: string, deputy: string): void {
  const c = aliceCells(w);
  w.env.ctx.meter.quietly(() => {
    const range = w.env.ctx.runAs(who, () => {
      const r = c.sheet.getRange(c.row, c.deputy, 1, 3);
      r.setValues([[deputy, YESTERDAY, NEXT_WEEK]]);
      return r;
    });
    w.env.scheduler.dispatch("ON_EDIT", w.book.getId(), { range, source: w.book }, who);
  });
}

/**
 * The same typing once Alice's row protection is gone (a person with the rights removed it, or it was never
 * aligned): the sheet no longer stops Carol, so only the server's rule is left.
 */
function typePastProtections(w: ReturnType<typeof world>, who: string, deputy: string): void {
  w.env.ctx.meter.quietly(() =>
    w.env.ctx.runAs(BOSS, () => {
      for (const p of w.book.getProtections(SpreadsheetApp.ProtectionType.RANGE))
        if (p.getDescription().endsWith(ALICE)) p.remove();
    }),
  );
  typeAway(w, who, deputy);
}

const gradeAlicesBuyer = (w: ReturnType<typeof world>) =>
  w.call(CAROL, "gradeBuyer", { buyerId: "B-000001", grade: "A" });

for (const account of ["workspace", "consumer"] as const) {
  describe(`R6, R34: the deputy exploit (${account} accounts)`, () => {
    it("R6: a salesperson cannot type herself in as a colleague's deputy: the sheet refuses", () => {
      const w = world(account);
      expect(() => typeAway(w, CAROL, CAROL)).toThrow(/protected/);
      expect(gradeAlicesBuyer(w)).toMatchObject({ ok: false, code: "not-owner" });
    });

    it("R6, R34: a deputy typed past the protections is not honoured: grading his buyers still fails", () => {
      const w = world(account);
      typePastProtections(w, CAROL, CAROL);
      expect(gradeAlicesBuyer(w)).toMatchObject({ ok: false, code: "not-owner" });
      const log = w.env.ctx.meter.quietly(() =>
        readTable(w.book.getSheetByName(Log.name)!, Log, { parseDateText: () => undefined }).rows.map((r) => r.record),
      );
      expect(log.filter((l) => l.action === "edit.deputy")).toHaveLength(1);
      // Workspace names Carol; a consumer account names nobody and no row protection vouches for her: the Log says so.
      expect(log.find((l) => l.action === "deputy.unvouched")).toMatchObject({
        user: account === "workspace" ? CAROL : "buyerbook",
        target: ALICE,
      });
    });

    it("R6: the person's own deputy counts — set in the sidebar, or typed in their own row", () => {
      const w = world(account);
      expect(w.call(ALICE, "setAway", { deputy: CAROL, until: "2026-11-30" })).toMatchObject({ ok: true });
      expect(gradeAlicesBuyer(w)).toMatchObject({ ok: true });
      const w2 = world(account);
      typeAway(w2, ALICE, CAROL);
      expect(gradeAlicesBuyer(w2)).toMatchObject({ ok: true });
    });

    it("R6, R34: a manager's typing counts; a change after it is not honoured until vouched again", () => {
      const w = world(account);
      typeAway(w, ASSISTANT, CAROL);
      expect(gradeAlicesBuyer(w)).toMatchObject({ ok: true });
      // The dates change where no audit saw it (nobody vouched): once the cached Staff copy is gone (CACHE_SECONDS),
      // the relation drops until Alice or a manager confirms it.
      const c = aliceCells(w);
      w.env.ctx.meter.quietly(() =>
        w.env.ctx.runAs(BOSS, () =>
          c.sheet.getRange(c.row, c.until).setValue(new Date(NEXT_WEEK.getTime() + 86_400_000)),
        ),
      );
      w.env.ctx.clock.advance((CACHE_SECONDS + 1) * 1000);
      expect(gradeAlicesBuyer(w)).toMatchObject({ ok: false, code: "not-owner" });
    });
  });
}

describe("R6: only the person or a manager can vouch", () => {
  it("R6: in consumer accounts a typed row counts only where the row's own protection stood", () => {
    const w = world("consumer");
    // A manager sorts Staff: the per-row protections now sit on other people's rows until they are re-aligned.
    w.env.ctx.meter.quietly(() =>
      w.env.ctx.runAs(BOSS, () => {
        const sheet = w.book.getSheetByName(Staff.name)!;
        sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort({ column: 1, ascending: false });
      }),
    );
    // Carol's row protection now covers Alice's row: Carol can type there, and the audit, naming nobody,
    // finds no protection of Alice's own around the cells: not honoured.
    const c = aliceCells(w);
    const guarded = w.env.ctx.meter.quietly(() =>
      w.env.ctx.runAs(BOSS, () =>
        w.book
          .getProtections(SpreadsheetApp.ProtectionType.RANGE)
          .filter((p) => p.getRange().getRow() === c.row)
          .map((p) => p.getDescription()),
      ),
    );
    expect(guarded.some((d) => d.endsWith(ALICE))).toBe(false);
    typeAway(w, CAROL, CAROL);
    expect(gradeAlicesBuyer(w)).toMatchObject({ ok: false, code: "not-owner" });
  });
});
