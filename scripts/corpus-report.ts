/**
 * The identity corpus through the pull on the emulator (R21, R22, R26): `npm run corpus`. Prints what the Buyers
 * and Inquiries rows say of every mail against what a person would enter, and the Gmail calls the pull spent per
 * thread. Figures, not timings; the thresholds are held by test/features/intake/pull.identity-corpus.test.ts.
 */
import { pullCorpus } from "../test/fixtures/identity/pull-evaluate";

const pct = (a: number, b: number) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : "0"} %)`;
const f = pullCorpus();
const r = f.result;
console.log(`Identity corpus through the pull: ${f.mails} mails, ${r.threads} threads`);
console.log(
  `  new buyers ${r.newBuyers}, new conversations ${r.newInquiries}, continued ${r.conversationsUpdated}, possible duplicates ${r.possibleDuplicates}, skipped ${JSON.stringify(r.skipped)}, problems ${r.problems.length}`,
);
console.log(
  `  company-domain senders filed with company and country: ${pct(f.companyMail.companyAndCountry, f.companyMail.total)}`,
);
console.log(
  `  senders with a phone (country code written) filed with a country: ${pct(f.phone.country, f.phone.total)}`,
);
console.log(`  inquiries whose catalogue products were found: ${pct(f.products.matched, f.products.total)}`);
console.log(
  `  faxes filed with their number's country, under a buyer known by that number or the company named: ${pct(f.faxes.filed, f.faxes.total)}; gateway as a buyer: ${f.faxes.gatewayAsBuyer}`,
);
console.log(`  bad input: empty fields whose Evidence says why: ${pct(f.why.said, f.why.total)}`);
for (const c of f.cases)
  if (c.unexplained.length) console.log(`    no reason for ${c.unexplained.join(", ")}: ${c.name}`);
console.log(`  mails with a filed fact contradicting the mail: ${f.wrong}`);
for (const c of f.cases) if (c.wrong.length) console.log(`    ${c.name}: ${c.wrong.join("; ")}`);
for (const c of f.cases)
  if (c.companyMail && !(c.buyer?.company && c.buyer?.country)) console.log(`    missing company/country: ${c.name}`);
for (const c of f.cases)
  if (c.productsOk === false) console.log(`    products: ${c.name}: ${String(c.inquiry?.product)}`);
console.log(
  `Gmail calls per thread (search, batch read and label aside): ${f.gmail.perThread} (${f.gmail.calls} over ${f.gmail.threads} threads)`,
);
console.log(`  by method: ${JSON.stringify(f.gmail.byMethod)}`);
