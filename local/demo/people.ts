/**
 * Invented buyers in the markets a Ningbo tool exporter sells to. Names, companies and domains are made up
 * (domains end in real country TLDs so region lookup and matching by domain behave as with real mail).
 */
import type { SeededRandom } from "./random";

export interface Market {
  country: string;
  region: string;
  tld: string;
  /** Language the buyer writes in (most write English). */
  lang: "en" | "es" | "fr" | "de" | "pt";
  first: string[];
  last: string[];
  /** Company name stems; a kind and a legal suffix are added. */
  stems: string[];
  suffixes: string[];
  phonePrefix: string;
}

export const MARKETS: Market[] = [
  market(
    "United Arab Emirates",
    "Middle East",
    "ae",
    "en",
    ["Ahmed", "Khalid", "Omar", "Yousef", "Faisal"],
    ["Al-Mansoori", "Hassan", "Al-Farsi", "Qasim", "Haddad"],
    ["Gulf Star", "Al Noor", "Desert Falcon", "Emirates Pro"],
    ["LLC", "Trading LLC", "FZE"],
    "+971 4",
  ),
  market(
    "Saudi Arabia",
    "Middle East",
    "sa",
    "en",
    ["Abdullah", "Majed", "Saleh", "Turki"],
    ["Al-Otaibi", "Al-Harbi", "Al-Qahtani", "Al-Zahrani"],
    ["Riyadh Builders", "Najd", "Al Safwa", "Red Sea"],
    ["Co.", "Est.", "Trading Co."],
    "+966 11",
  ),
  market(
    "Turkey",
    "Middle East",
    "com.tr",
    "en",
    ["Emre", "Murat", "Serkan", "Ayşe"],
    ["Yılmaz", "Demir", "Kaya", "Şahin"],
    ["Anadolu", "Bosphorus", "Ege"],
    ["Ltd. Şti.", "A.Ş."],
    "+90 212",
  ),
  market(
    "Nigeria",
    "Africa",
    "com.ng",
    "en",
    ["Chinedu", "Emeka", "Tunde", "Ngozi"],
    ["Okafor", "Adeyemi", "Balogun", "Eze"],
    ["Lagos Hardware", "Niger Delta", "Eko"],
    ["Ltd", "Enterprises Ltd"],
    "+234 1",
  ),
  market(
    "Kenya",
    "Africa",
    "co.ke",
    "en",
    ["Brian", "Wanjiru", "Otieno", "Grace"],
    ["Mwangi", "Kamau", "Ochieng", "Njoroge"],
    ["Nairobi Tools", "Savanna", "Rift Valley"],
    ["Ltd"],
    "+254 20",
  ),
  market(
    "India",
    "South Asia",
    "in",
    "en",
    ["Rajesh", "Priya", "Amit", "Suresh", "Anil"],
    ["Kumar", "Sharma", "Patel", "Reddy", "Mehta"],
    ["Shree Ganesh", "Bharat", "Mumbai Industrial", "Deccan"],
    ["Pvt. Ltd.", "Traders"],
    "+91 22",
  ),
  market(
    "Pakistan",
    "South Asia",
    "pk",
    "en",
    ["Imran", "Bilal", "Usman"],
    ["Khan", "Qureshi", "Butt"],
    ["Indus", "Karachi Hardware", "Punjab"],
    ["(Pvt) Ltd", "Traders"],
    "+92 21",
  ),
  market(
    "Germany",
    "Europe",
    "de",
    "de",
    ["Jonas", "Anna", "Markus", "Katrin", "Stefan"],
    ["Müller", "Schmidt", "Weber", "Becker", "Hoffmann"],
    ["Werkzeug", "Nordhandel", "Rhein", "Baufix"],
    ["GmbH", "GmbH & Co. KG"],
    "+49 40",
  ),
  market(
    "France",
    "Europe",
    "fr",
    "fr",
    ["Sophie", "Julien", "Camille", "Nicolas"],
    ["Martin", "Bernard", "Dubois", "Moreau"],
    ["Outillage", "Bricolux", "Atelier Pro"],
    ["SARL", "SAS"],
    "+33 1",
  ),
  market(
    "Poland",
    "Europe",
    "pl",
    "en",
    ["Piotr", "Katarzyna", "Tomasz", "Marek"],
    ["Nowak", "Kowalski", "Wiśniewski", "Zieliński"],
    ["Narzędzia", "Polbud", "Wisła"],
    ["Sp. z o.o."],
    "+48 22",
  ),
  market(
    "United Kingdom",
    "Europe",
    "co.uk",
    "en",
    ["James", "Oliver", "Emma", "Harry", "Sarah"],
    ["Smith", "Taylor", "Brown", "Walker", "Wright"],
    ["Toolbox Direct", "Midlands Trade", "Thames Supply", "Northern Fixings"],
    ["Ltd"],
    "+44 121",
  ),
  market(
    "United States",
    "North America",
    "com",
    "en",
    ["Michael", "Jennifer", "David", "Jessica", "Robert"],
    ["Johnson", "Miller", "Davis", "Anderson", "Thompson"],
    ["Lone Star", "Great Lakes", "Pacific Hardware", "Keystone"],
    ["Inc.", "LLC", "Supply Co."],
    "+1 312",
  ),
  market(
    "Canada",
    "North America",
    "ca",
    "en",
    ["Liam", "Chloe", "Ethan"],
    ["Tremblay", "Roy", "MacDonald"],
    ["Maple Trade", "Prairie Tools"],
    ["Inc.", "Ltd."],
    "+1 416",
  ),
  market(
    "Australia",
    "Oceania",
    "com.au",
    "en",
    ["Jack", "Mia", "Lachlan", "Olivia"],
    ["Wilson", "Nguyen", "Campbell", "Kelly"],
    ["Outback Tools", "Harbour Trade", "Southern Cross"],
    ["Pty Ltd"],
    "+61 2",
  ),
  market(
    "Vietnam",
    "Southeast Asia",
    "vn",
    "en",
    ["Minh", "Linh", "Tuan", "Hoa"],
    ["Nguyen", "Tran", "Le", "Pham"],
    ["Saigon Hardware", "Hanoi Tools", "Mekong"],
    ["Co., Ltd", "JSC"],
    "+84 28",
  ),
  market(
    "Thailand",
    "Southeast Asia",
    "co.th",
    "en",
    ["Somchai", "Nattapong", "Siriporn"],
    ["Srisuk", "Wongsa", "Chaiyaporn"],
    ["Siam Tools", "Bangkok Hardware"],
    ["Co., Ltd."],
    "+66 2",
  ),
  market(
    "Indonesia",
    "Southeast Asia",
    "co.id",
    "en",
    ["Budi", "Agus", "Dewi", "Rina"],
    ["Santoso", "Wijaya", "Hartono", "Susanto"],
    ["Jaya Teknik", "Nusantara", "Surabaya Baja"],
    ["PT", "CV"],
    "+62 21",
  ),
  market(
    "Philippines",
    "Southeast Asia",
    "com.ph",
    "en",
    ["Jose", "Maria", "Carlo"],
    ["Santos", "Reyes", "Cruz"],
    ["Manila Builders", "Visayas Hardware"],
    ["Inc.", "Corp."],
    "+63 2",
  ),
  market(
    "Mexico",
    "Latin America",
    "com.mx",
    "es",
    ["Carlos", "Lucía", "Alejandro", "Fernanda"],
    ["García", "Hernández", "López", "Martínez"],
    ["Ferretería del Norte", "Herramientas Azteca", "Grupo Bajío"],
    ["S.A. de C.V."],
    "+52 55",
  ),
  market(
    "Chile",
    "Latin America",
    "cl",
    "es",
    ["Matías", "Valentina", "Diego"],
    ["González", "Muñoz", "Rojas"],
    ["Ferretería Andes", "Importadora Pacífico"],
    ["SpA", "Ltda."],
    "+56 2",
  ),
  market(
    "Brazil",
    "Latin America",
    "com.br",
    "pt",
    ["João", "Ana", "Rafael", "Beatriz"],
    ["Silva", "Souza", "Oliveira", "Costa"],
    ["Ferramentas Paulista", "Casa do Construtor", "Rio Sul"],
    ["Ltda."],
    "+55 11",
  ),
  market(
    "Russia",
    "CIS",
    "ru",
    "en",
    ["Dmitry", "Sergey", "Olga", "Alexey"],
    ["Sokolov", "Ivanov", "Smirnova", "Volkov"],
    ["Instrument Opt", "Volga Trade", "StroyTorg"],
    ["LLC", "JSC"],
    "+7 495",
  ),
  market(
    "Kazakhstan",
    "CIS",
    "kz",
    "en",
    ["Arman", "Daniyar", "Aigerim"],
    ["Nurlanov", "Seitkali", "Abenova"],
    ["Steppe Tools", "Almaty Snab"],
    ["LLP"],
    "+7 727",
  ),
  market(
    "South Korea",
    "East Asia",
    "co.kr",
    "en",
    ["Min-jun", "Ji-woo", "Seo-yeon"],
    ["Kim", "Park", "Lee"],
    ["Hanil Tools", "Daesung Hardware"],
    ["Co., Ltd."],
    "+82 2",
  ),
];

function market(
  country: string,
  region: string,
  tld: string,
  lang: Market["lang"],
  first: string[],
  last: string[],
  stems: string[],
  suffixes: string[],
  phonePrefix: string,
): Market {
  return { country, region, tld, lang, first, last, stems, suffixes, phonePrefix };
}

const KINDS = ["Tools", "Hardware", "Trading", "Industrial Supply", "Building Materials", "Imports"];
export const NATURES = ["importer", "wholesaler", "distributor", "retail chain", "e-commerce seller", "contractor"];
const FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com"];

export interface Person {
  name: string;
  first: string;
  company: string;
  email: string;
  website: string;
  phone: string;
  country: string;
  region: string;
  lang: Market["lang"];
  nature: string;
}

/** `count` distinct invented buyers, spread over the markets (each market at least once when count allows). */
export function inventPeople(rnd: SeededRandom, count: number): Person[] {
  const people: Person[] = [];
  const companies = new Set<string>();
  const emails = new Set<string>();
  let i = 0;
  while (people.length < count && i < count * 20) {
    const m = i < MARKETS.length ? MARKETS[i] : rnd.pick(MARKETS);
    i++;
    const first = rnd.pick(m.first);
    const last = rnd.pick(m.last);
    const stem = rnd.pick(m.stems);
    const kind =
      /Hardware|Tools|Trade|Builders|Supply|Fixings|Ferreter|Herramientas|Ferramentas|Instrument|Narzędzia|Outillage|Werkzeug|Snab|Baja|Teknik/.test(
        stem,
      )
        ? ""
        : ` ${rnd.pick(KINDS)}`;
    const company = `${stem}${kind} ${rnd.pick(m.suffixes)}`;
    if (companies.has(company)) continue;
    const slug = asciiSlug(`${stem}${kind}`);
    const domain = `${slug}.${m.tld}`;
    const freeMail = rnd.chance(0.12);
    const local = asciiSlug(`${first}.${last}`, ".");
    const email = freeMail ? `${local}${rnd.int(10, 99)}@${rnd.pick(FREE_MAIL)}` : `${local}@${domain}`;
    if (emails.has(email)) continue;
    companies.add(company);
    emails.add(email);
    people.push({
      name: `${first} ${last}`,
      first,
      company,
      email,
      website: freeMail ? "" : `www.${domain}`,
      phone: `${m.phonePrefix} ${rnd.int(1000, 9999)} ${rnd.int(1000, 9999)}`,
      country: m.country,
      region: m.region,
      lang: m.lang,
      nature: rnd.pick(NATURES),
    });
  }
  return people;
}

/** Lower-case ASCII for domains and mailbox names ("Müller" -> "muller", "Şahin" -> "sahin"). */
export function asciiSlug(text: string, keep = ""): string {
  const folded = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ı/g, "i")
    .replace(/ł/g, "l")
    .replace(/ß/g, "ss")
    .toLowerCase();
  const allowed = keep === "." ? /[^a-z0-9.]+/g : /[^a-z0-9]+/g;
  return folded.replace(allowed, "").replace(/^\.+|\.+$/g, "");
}
