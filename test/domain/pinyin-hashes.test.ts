/**
 * The buyer index files a Chinese contact under the hashes of its pinyin keys read straight from the characters
 * (hanNameKeyHashes): they must be the hashes of the keys hanNameKeys builds, for every surname in the table.
 */
import { describe, expect, it } from "vitest";
import { SURNAME_PINYIN } from "../../src/domain/data/name-pinyin";
import { wordsHash } from "../../src/domain/key-chains";
import { hanNameKeyHashes, hanNameKeys } from "../../src/domain/pinyin";

const SURNAMES = SURNAME_PINYIN.split("|").flatMap((group) => group.split(":")[1].split(" "));
const GIVEN = ["大文", "芳", "明华", "伟", "德华", "志强", "杰", "敏", "鑿", "娜娜", "欧阳", "王", "李明"];

function hashesOf(name: string): number[] {
  const out: number[] = [];
  const count = hanNameKeyHashes(name, out);
  return out.slice(0, count);
}

describe("pinyin key hashes (R22: 陈大文 and Chen Dawen meet in the buyer index)", () => {
  it("R22: every surname with common given names hashes as its pinyin keys do", () => {
    let read = 0;
    for (const surname of SURNAMES)
      for (const given of GIVEN) {
        const name = surname + given;
        const keys = hanNameKeys(name);
        expect(hashesOf(name), name).toEqual(keys.map(wordsHash));
        if (keys.length > 0) read++;
      }
    expect(read).toBeGreaterThan(SURNAMES.length * 5);
  });

  it("R22: a name too long, too short or with an unknown character has no pinyin keys", () => {
    for (const name of ["陈", "陈大文大文", "陈鑿鑿", "鑿大文"]) {
      expect(hanNameKeys(name)).toEqual([]);
      expect(hashesOf(name)).toEqual([]);
    }
  });
});
