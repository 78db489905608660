/**
 * The demo's sheet rows, as records keyed by column key (src/store/schemas.ts): buyers across regions and
 * grades, and the contacts of the last three weeks (history.ts logs them through the add-on, so cadence, overdue
 * and the weekly figures have something true to show).
 */
import { DEFAULT_CADENCE, daysOverdue, nextFollowUp } from "../../src/domain/cadence";
import type { Grade } from "../../src/domain/grades";
import { dateKeyToInstant } from "../../src/domain/time";
import { DEMO_PRODUCTS, DEMO_ROUTING, TIME_ZONE } from "./company";
import type { OwnedPerson } from "./mails";
import type { Person } from "./people";
import type { SeededRandom } from "./random";

export type Row = Record<string, unknown>;

const DAY = 24 * 3600_000;

export function ownerFor(person: Person): string {
  return DEMO_ROUTING.find((r) => r.region === person.region)?.to ?? DEMO_ROUTING[0].to;
}

const SOURCES = [
  "alibaba",
  "made-in-china",
  "global-sources",
  "website",
  "email",
  "trade-show",
  "referral",
  "trade-show",
];

/** Grades for the 60 buyers: a handful of A, most B and C, some D, some not yet graded (R18, R23). */
function gradeFor(i: number): Grade | "" {
  const pattern: (Grade | "")[] = ["B", "C", "A", "B", "C", "D", "", "B", "C", "A", "C", "B", "D", "", "C"];
  return pattern[i % pattern.length];
}

export interface BuyerBook {
  buyers: Row[];
  followUps: Row[];
}

export function buyerRows(rnd: SeededRandom, now: Date, people: OwnedPerson[]): BuyerBook {
  const buyers: Row[] = [];
  const followUps: Row[] = [];
  people.forEach((p, i) => {
    const id = `B-${String(i + 1).padStart(6, "0")}`;
    const grade = gradeFor(i);
    const gap = grade ? DEFAULT_CADENCE[grade] : DEFAULT_CADENCE.ungraded;
    const created = new Date(now.getTime() - rnd.int(25, 700) * DAY - rnd.int(0, 600) * 60_000);
    // Last contact somewhere around one cadence gap ago: most on time, some overdue, a few due today.
    const lastContact = new Date(now.getTime() - (rnd.int(3, 15) / 10) * gap * DAY - rnd.int(0, 480) * 60_000);
    const dueKey = nextFollowUp(lastContact, grade || undefined, DEFAULT_CADENCE, TIME_ZONE);
    const products = rnd.shuffle(DEMO_PRODUCTS).slice(0, rnd.int(1, 3));
    buyers.push({
      id,
      company: p.company,
      name: p.name,
      email: p.email,
      otherEmails: "",
      phone: p.phone,
      website: p.website,
      country: p.country,
      region: p.region,
      nature: p.nature,
      source: rnd.pick(SOURCES),
      grade,
      owner: p.owner,
      status: "active",
      products: products.map((x) => x.name).join(", "),
      created,
      lastContact,
      nextFollowUp: dateKeyToInstant(dueKey, TIME_ZONE),
      daysOverdue: daysOverdue(dueKey, now, TIME_ZONE),
      duplicateOf: "",
      notes: i % 9 === 4 ? "Met at Canton Fair (booth 12.1 C23); prefers WhatsApp" : "",
    });
    // The contacts of the last three weeks, one cadence gap apart, ending at the last contact.
    for (let at = lastContact.getTime(), n = 0; at > now.getTime() - 21 * DAY && n < 8; at -= gap * DAY, n++) {
      followUps.push({
        at: new Date(at),
        buyerId: id,
        inquiryId: "",
        by: p.owner,
        kind: "follow-up",
        channel: rnd.pick(["email", "email", "phone", "platform", "email"]),
        summary: rnd.pick([
          `Sent updated price list for ${products[0].name}`,
          `Phone call: discussed order timing for ${products[0].model}`,
          "Sent the 2026 e-catalogue and new-product flyer",
          "Asked for feedback on the quotation",
          `Confirmed packing and carton marks for ${products[0].model}`,
        ]),
        nextStep: rnd.pick(["Wait for PO", "Send samples", "Call next week", "Revise quote", ""]),
        needsBoss: false,
        bossAnswer: "",
        nextDue: "",
      });
    }
  });
  followUps.sort((a, b) => (a.at as Date).getTime() - (b.at as Date).getTime());
  // Difficulties the salespeople flagged for the boss (R35), on the latest contacts.
  const flagged = followUps.slice(-12).filter((_, i) => i % 4 === 0);
  const asks = [
    "Buyer asks 5% below the Middle East tier for 20,000 pcs — need the boss's OK on price",
    "Buyer wants 60-day L/C at sight; our terms are T/T — can we accept?",
    "Buyer requests a custom blister card; who approves the tooling cost?",
  ];
  flagged.forEach((f, i) => {
    f.needsBoss = true;
    f.summary = asks[i % asks.length];
    f.nextStep = "Waiting for the boss";
  });
  return { buyers, followUps };
}
