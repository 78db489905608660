/**
 * A synthetic book of buyers and a run's senders for measuring matchSender (R22): 20,000 buyers, 500 senders —
 * known addresses, colleagues at a known domain, free-mail senders (every weak look-up gets built), Chinese
 * names, platform buyers with a company and a phone.
 */
import type { BuyerRecord, SenderFacts } from "../src/domain/matching";

const SURNAMES = ["Chen", "Wang", "Smith", "Garcia", "Müller", "Ivanov", "Nguyen", "Kim", "Haddad", "Silva"];
const GIVEN = ["Wei", "Anna", "John", "Maria", "Hans", "Olga", "Minh", "Jisoo", "Omar", "Paulo", "Dawen", "Lucia"];
const HAN = ["陈大文", "王芳", "李明华", "张伟", "刘德华", "黄志强", "周杰", "吴敏"];
const FREE = ["gmail.com", "163.com", "qq.com", "yahoo.com", "hotmail.com", "mail.ru"];

export function buyersBook(n: number): BuyerRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const name =
      i % 11 === 0 ? HAN[i % HAN.length] : `${GIVEN[i % GIVEN.length]} ${SURNAMES[(i * 7) % SURNAMES.length]}`;
    return {
      id: `B-${String(i + 1).padStart(6, "0")}`,
      email: i % 4 === 0 ? `buyer${i}@${FREE[i % FREE.length]}` : `buyer${i}@firm${i}.com`,
      emails: i % 10 === 0 ? [`alt${i}@firm${i}.net`] : undefined,
      company: `Firm ${i} Trading Co., Ltd.`,
      name,
      phone: i % 3 === 0 ? `+971 4 ${String(1000000 + i)}` : "",
    };
  });
}

export function runSenders(n: number, buyers: number): SenderFacts[] {
  return Array.from({ length: n }, (_, k) => {
    const i = (k * 37) % buyers;
    switch (k % 5) {
      case 0:
        return { address: `buyer${i}@firm${i}.com`, name: "Known Buyer" };
      case 1:
        return { address: `someone${k}@firm${i}.com`, name: "New Colleague" };
      case 2:
        return { address: `x${k}@gmail.com`, name: `${GIVEN[k % GIVEN.length]} ${SURNAMES[k % SURNAMES.length]}` };
      case 3:
        return { address: `y${k}@qq.com`, name: HAN[k % HAN.length], phone: `+971 4 ${String(1000000 + i)}` };
      default:
        return {
          address: "",
          name: `Platform Buyer ${k}`,
          company: `Newfirm ${k} Trading LLC`,
          phone: "+1 212 555 0100",
        };
    }
  });
}
