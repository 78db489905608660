import { describe, expect, it } from "vitest";
import { citiesIn, countriesIn, countryName, countryOfField } from "../../src/domain/countries";
import { findPhones, readPhone } from "../../src/domain/phone";

describe("R22: phone numbers to E.164 and their country", () => {
  it.each([
    ["+971 4 555 0199", "+97145550199", "AE"],
    ["0049 (0)30 1234567", "+49301234567", "DE"],
    ["(+86) 755-2345 6789", "+8675523456789", "CN"],
    ["+1 416 555 0188", "+14165550188", "CA"],
    ["+7 701 123 4567", "+77011234567", "KZ"],
    ["+82-2-1234-5678 ext. 12", "+82212345678", "KR"],
  ])("%s -> %s (%s)", (raw, e164, country) => {
    expect(readPhone(raw)).toEqual({ ok: true, e164, country, callingCode: expect.any(String) });
  });

  it("a number without country code is read only with a country given", () => {
    expect(readPhone("050 123 4567")).toEqual({ ok: false, problem: "phone has no country code: '050 123 4567'" });
    expect(readPhone("050 123 4567", "AE")).toMatchObject({ ok: true, e164: "+971501234567" });
    expect(readPhone("+971 12")).toMatchObject({ ok: false });
    expect(readPhone(undefined)).toMatchObject({ ok: false });
  });

  it("finds labelled numbers in ten languages and unlabelled international ones, not order numbers", () => {
    const found = findPhones(
      "Tel: +971 4 555 0199 | Fax: +971 4 555 0198\n电话：0755-2345 6789\nТел./факс: +7 (495) 123-45-67\nهاتف: +966 11 234 5678\nĐiện thoại: 0903 123 456\n전화: 02-1234-5678\nOrder 123456789 of 2024-06-03",
    );
    expect(found.map((p) => p.kind)).toEqual(["phone", "fax", "phone", "phone", "phone", "phone", "phone"]);
    expect(found.map((p) => p.text)).not.toContain("123456789");
  });
});

describe("R22: country and city names in our ten languages", () => {
  it.each([
    ["Dubai, United Arab Emirates", "AE"],
    ["阿联酋迪拜", "AE"],
    ["Emiratos Árabes Unidos", "AE"],
    ["г. Москва, Россия", "RU"],
    ["الرياض، المملكة العربية السعودية", "SA"],
    ["Quận 1, TP. Hồ Chí Minh, Việt Nam", "VN"],
    ["서울특별시 강남구, 대한민국", "KR"],
    ["20095 Hamburg, Deutschland", "DE"],
    ["São Paulo - SP, Brasil", "BR"],
    ["Casablanca, Maroc", "MA"],
  ])("%s names %s", (line, code) => {
    expect([...countriesIn(line), ...citiesIn(line)].map((p) => p.code)).toContain(code);
  });

  it("a name that is also a person's or a word counts only as a whole field", () => {
    expect(countriesIn("Michael Jordan")).toEqual([]);
    expect(countriesIn("Amman, Jordan").map((p) => p.code)).toEqual(["JO"]);
    expect(countriesIn("Nguyễn Văn Đức")).toEqual([]);
    expect(citiesIn("부산광역시 해운대구").map((c) => c.city)).toEqual(["Busan"]);
  });

  it("fields: names, codes and unknown text", () => {
    expect(countryOfField("德国")?.code).toBe("DE");
    expect(countryOfField("uk")?.code).toBe("GB");
    expect(countryOfField("Narnia")).toBeUndefined();
    expect(countryName("MU")).toBe("Mauritius");
  });
});
