import { describe, expect, it } from "vitest";
import { compactResult } from "../../../src/features/schedule/upkeep";

describe("the upkeep's progress between ticks", () => {
  it("keeps counts and short values of a part's result, well under a property value's 9 KB", () => {
    const changed = Array.from({ length: 20_000 }, (_, i) => `B-${String(i).padStart(6, "0")}`);
    const result = {
      changed: changed.length,
      overdue: 4_312,
      ids: changed,
      note: "x".repeat(5_000),
      nested: { archived: changed, sheets: ["Inquiries", "Follow-ups"] },
      done: true,
    };
    const kept = compactResult(result) as Record<string, unknown>;
    expect(new TextEncoder().encode(JSON.stringify(kept)).length).toBeLessThan(2_000);
    expect(kept).toMatchObject({ changed: 20_000, overdue: 4_312, ids: 20_000, done: true });
    expect(kept.nested).toEqual({ archived: 20_000, sheets: ["Inquiries", "Follow-ups"] });
    expect(String(kept.note)).toHaveLength(300);
  });

  it("leaves small results as they are", () => {
    const small = { changed: 3, overdue: 1, dueToday: 2, problems: ["Buyers row 7: Grade 'Z' is not A-D"] };
    expect(compactResult(small)).toEqual(small);
    expect(compactResult(null)).toBeNull();
    expect(compactResult(7)).toBe(7);
  });
});
