import { beforeAll, describe, expect, it } from "vitest";
import { ALICE, ASSISTANT, BOB, buyerRow, makeWorld, staffRow, type World } from "../support/world";

/** Chinese-speaking staff: Bob (assistant) and Carol (salesperson); Alice (salesperson) and Amy (assistant) read English. */
const CAROL = "carol@acme-tools.cn";
const HAN = /[\u4e00-\u9fff]/;
/** What zod's own wording looks like: never shown to a person. */
const ZOD_WORDING = /Invalid input|Invalid email|expected (string|number|int)|Unrecognized key|Too (big|small)/i;

function refusal(w: World, user: string, method: string, payload: unknown): string {
  const r = w.call(user, method, payload);
  if (r.ok) throw new Error(`${method} accepted ${JSON.stringify(payload)}`);
  expect(r.code).toBe("invalid");
  expect(r.error).not.toMatch(ZOD_WORDING);
  return r.error;
}

describe("C3: a refused payload is explained in the caller's language, naming the field", () => {
  let w: World;
  beforeAll(() => {
    w = makeWorld({
      staff: [
        staffRow({ email: ASSISTANT, role: "assistant" }),
        staffRow({ email: BOB, role: "assistant", name: "王波", language: "zh-CN" }),
        staffRow({ email: ALICE, role: "salesperson", name: "Alice" }),
        staffRow({ email: CAROL, role: "salesperson", name: "陈卡罗", language: "zh-CN" }),
      ],
      buyers: [buyerRow({ id: "B-000001", owner: ALICE }), buyerRow({ id: "B-000002", owner: CAROL })],
    });
  });

  it("C5: a bad e-mail when onboarding (English and Chinese)", () => {
    const payload = { email: "li.wei at acme-tools.cn", name: "李伟", role: "salesperson" };
    expect(refusal(w, ASSISTANT, "onboard", payload)).toBe("E-mail is not a valid e-mail address.");
    expect(refusal(w, BOB, "onboard", payload)).toBe("邮箱不是有效的邮箱地址。");
  });

  it("a follow-up summary over its length limit names the field and the limit", () => {
    const summary = "Llamó el cliente de Valencia; quiere muestras del taladro. ".repeat(100);
    const en = refusal(w, ALICE, "logFollowUp", { buyerId: "B-000001", channel: "phone", summary });
    expect(en).toBe("What happened is too long (at most 5000 characters).");
    const zh = refusal(w, CAROL, "logFollowUp", { buyerId: "B-000002", channel: "phone", summary });
    expect(zh).toBe("跟进内容太长（最多 5000 个字符）。");
  });

  it("a missing field, an unknown grade and a blank summary", () => {
    expect(refusal(w, ALICE, "gradeBuyer", { grade: "A" })).toBe("Buyer is missing.");
    expect(refusal(w, CAROL, "gradeBuyer", { grade: "A" })).toBe("缺少客户。");
    expect(refusal(w, ALICE, "gradeBuyer", { buyerId: "B-000001", grade: "A+" })).toBe(
      "Grade must be one of: A, B, C, D.",
    );
    expect(refusal(w, CAROL, "gradeBuyer", { buyerId: "B-000002", grade: "甲" })).toBe("等级只能是：A、B、C、D。");
    const blank = { buyerId: "B-000002", channel: "visit", summary: "   " };
    expect(refusal(w, CAROL, "logFollowUp", blank)).toBe("跟进内容不能为空。");
  });

  it("a fractional quantity on a quote line names the line; a currency code the schema explains", () => {
    const line = {
      buyerId: "B-000001",
      items: [
        { code: "P-0001", qty: 2 },
        { code: "P-0002", qty: 2.5 },
      ],
    };
    expect(refusal(w, ALICE, "quotePreview", line)).toBe("Products and quantities #2 Quantity must be a whole number.");
    expect(refusal(w, CAROL, "quotePreview", { ...line, buyerId: "B-000002" })).toBe("产品和数量 #2 数量必须是整数。");
    const euro = { buyerId: "B-000001", items: [{ code: "P-0001", qty: 10 }], currency: "€" };
    expect(refusal(w, ALICE, "quotePreview", euro)).toBe("Currency must be a 3-letter currency code, such as USD.");
    expect(refusal(w, CAROL, "quotePreview", { ...euro, buyerId: "B-000002" })).toBe(
      "币种必须是三个字母的货币代码，例如 USD。",
    );
  });

  it("IDs, dates and a choice among values (a union of an enum and a blank)", () => {
    expect(refusal(w, ALICE, "buyerSamples", { buyerId: '=HYPERLINK("x")' })).toBe("Buyer is not a valid ID.");
    expect(refusal(w, CAROL, "updateSample", { sampleId: "S-1", sent: "下周二" })).toBe("寄出不是有效日期。");
    const source = refusal(w, ALICE, "addBuyer", { company: "Nguyễn Trading", source: "tiktok" });
    expect(source).toMatch(/^Source must be one of: Alibaba, Made-in-China, .*\.$/);
    expect(source).not.toMatch(/, \./);
  });

  it("a rule over several fields, and fields nobody knows", () => {
    expect(refusal(w, ALICE, "tripList", {})).toBe("Pick a country, a city or a show.");
    expect(refusal(w, CAROL, "tripList", { country: "" })).toBe("请选择国家、城市或展会。");
    const segment = { colour: ["red"], grades: ["A"] };
    expect(refusal(w, ASSISTANT, "campaignCreate", { name: "Spring", kind: "news", segment })).toBe(
      "segment has fields Buyerbook does not know: colour.",
    );
    expect(refusal(w, BOB, "campaignCreate", { name: "春季", kind: "news", segment })).toMatch(HAN);
  });

  it("a payload that is not an object at all, and at most three reasons at once", () => {
    expect(refusal(w, ALICE, "gradeBuyer", ["B-000001", "A"])).toBe("The request has the wrong kind of value.");
    const many = refusal(w, CAROL, "logFollowUp", { buyerId: 7, channel: "pigeon", summary: "", needsBoss: "yes" });
    expect(many.split("。").filter((s) => s !== "")).toHaveLength(3);
    expect(many).toMatch(/^客户的值类型不对。/);
  });
});
