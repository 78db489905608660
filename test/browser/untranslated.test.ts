/** The checker the Chinese sidebar test relies on: it must catch what it is there to catch. */
import { describe, expect, it } from "vitest";
import { dataWords, untranslated } from "./untranslated";

describe("the untranslated-text checker", () => {
  const data = dataWords([
    [
      ["Company", "Contact", "E-mail"],
      ["Nordic Tools AB", "Erik Lindqvist", "erik@nordictools.se"],
      ["Công ty TNHH Hà Nội", "Nguyễn Văn An", "an@hanoihw.vn"],
    ],
  ]);

  it("passes Chinese UI around data, codes and IDs", () => {
    const page = [
      "我的工作台 Nordic Tools AB 逾期 13 天 B-000001 · erik@nordictools.se · FOB USD 500 pcs · Gmail 草稿",
    ];
    expect(untranslated(page, data)).toEqual({ keys: [], words: [] });
  });

  it("catches English UI words, plural slips and units left in English", () => {
    const page = ["Nordic Tools AB · 1 days overdue", "13 d 14 h", "匹配：email"];
    expect(untranslated(page, data).words).toEqual(["d", "days", "email", "h", "overdue"]);
  });

  it("catches a catalogue key shown as is", () => {
    expect(untranslated(["sb.due 3", "field.company太长"], data).keys).toEqual(["field.company", "sb.due"]);
  });

  it("header words of the sheets are not data (only the rows are)", () => {
    expect(untranslated(["Contact"], data).words).toEqual(["Contact"]);
  });
});
