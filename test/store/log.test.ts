import { describe, expect, it } from "vitest";
import { parseLink } from "../../src/domain/log-chain";
import { appendLog, type LogLine, logIntegrity } from "../../src/store/log";
import { Log } from "../../src/store/schemas";
import { BOSS, bookWorld } from "../support/world";

const NOW = new Date("2026-11-23T02:00:00.750Z");

function line(n: number, over: Partial<LogLine> = {}): LogLine {
  return {
    at: new Date(NOW.getTime() + n * 60_000),
    user: "li@acme-tools.cn",
    action: "inquiry.grade",
    target: `I-00001${n}`,
    detail: n % 2 ? "A (was B) — 客户确认样品" : "C: Preisanfrage ohne Menge",
    ...over,
  };
}

function world(lang: "en" | "zh-CN" = "en") {
  const w = bookWorld({ owner: BOSS, now: NOW, lang });
  const log = () => w.book.getSheetByName(Log.name);
  const values = () => w.sheetValues(Log.name);
  return { ...w, log, values };
}

describe("the Log writer (R33, R34)", () => {
  it("R33: every line carries its link, chained across separate jobs, and the Log checks out intact", () => {
    const w = world();
    appendLog(w.book, [line(1), line(2)]);
    appendLog(w.book, line(3));
    const [header, ...rows] = w.values();
    expect(header).toEqual(["When", "User", "Action", "Target", "Detail", "Hash"]);
    expect(rows.map((r) => parseLink(String(r[5]))?.seq)).toEqual([1, 2, 3]);
    expect(logIntegrity(w.book)).toEqual({ status: "intact", chainStartsAt: 2, linked: 3, findings: [] });
  });

  it("R34: a hand edit, a row typed in and a row deleted in the sheet are each found by logIntegrity", () => {
    const w = world();
    appendLog(w.book, [line(1), line(2), line(3), line(4)]);
    const sheet = w.log()!;
    w.env.ctx.meter.quietly(() => sheet.getRange(3, 5).setValue("A (was D)"));
    expect(logIntegrity(w.book).findings).toEqual([{ kind: "changed", row: 3 }]);
    w.env.ctx.meter.quietly(() => sheet.getRange(3, 5).setValue(line(2).detail));
    expect(logIntegrity(w.book).status).toBe("intact");

    w.env.ctx.meter.quietly(() => {
      sheet.insertRowsAfter(3, 1);
      sheet.getRange(4, 1, 1, 5).setValues([[NOW, "bob@acme-tools.cn", "offboard", "li@acme-tools.cn", "nothing"]]);
    });
    expect(logIntegrity(w.book).findings).toEqual([{ kind: "inserted", row: 4 }]);
    w.env.ctx.meter.quietly(() => sheet.deleteRow(4));

    w.env.ctx.meter.quietly(() => sheet.deleteRow(3));
    expect(logIntegrity(w.book)).toMatchObject({
      status: "broken",
      findings: [{ kind: "removed", afterRow: 2, count: 1 }],
    });
  });

  it("R34: deleting the last lines shows at once, and the next line written keeps the gap visible", () => {
    const w = world();
    appendLog(w.book, [line(1), line(2), line(3)]);
    w.env.ctx.meter.quietly(() => w.log()!.deleteRow(4));
    expect(logIntegrity(w.book).findings).toEqual([{ kind: "removed", afterRow: 3, count: 1 }]);
    appendLog(w.book, line(4));
    expect(logIntegrity(w.book).findings).toEqual([{ kind: "removed", afterRow: 3, count: 1 }]);
  });

  it("a missing Log is made again as setup makes it, says so in its first line, and the line is written", () => {
    const w = world("zh-CN");
    appendLog(w.book, line(1));
    w.env.ctx.meter.quietly(() => w.book.deleteSheet(w.log()!));
    expect(() => appendLog(w.book, line(2, { user: "amy@acme-tools.cn" }), { lang: "zh-CN" })).not.toThrow();
    const [header, ...rows] = w.values();
    expect(header).toEqual(Log.columns.map((c) => c.zh));
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ["amy@acme-tools.cn", "log.recreated"],
      ["amy@acme-tools.cn", "inquiry.grade"],
    ]);
    expect(w.env.ctx.meter.quietly(() => w.log()!.getFrozenRows())).toBe(1);
    expect(logIntegrity(w.book)).toEqual({ status: "intact", chainStartsAt: 2, linked: 2, findings: [] });
  });

  it("an old Log without a Hash column gets one; its old lines stand before the chain, which starts at the next", () => {
    const w = world();
    const sheet = w.log()!;
    w.env.ctx.meter.quietly(() => {
      sheet.deleteColumn(6);
      sheet.getRange(2, 1, 2, 5).setValues([
        [NOW, BOSS, "setup", "Buyers", "made"],
        [NOW, BOSS, "staff.onboard", "li@acme-tools.cn", "welcome sent"],
      ]);
    });
    appendLog(w.book, line(1));
    const [header, ...rows] = w.values();
    expect(header[5]).toBe("Hash");
    expect(rows.map((r) => String(r[5]) !== "")).toEqual([false, false, true]);
    expect(logIntegrity(w.book)).toEqual({ status: "intact", chainStartsAt: 4, linked: 1, findings: [] });
  });

  it("no Log sheet at all reads as missing, not as intact", () => {
    const w = world();
    w.env.ctx.meter.quietly(() => w.book.deleteSheet(w.log()!));
    expect(logIntegrity(w.book).status).toBe("missing");
  });
});
