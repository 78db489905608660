/**
 * Country -> region, for routing (R6), price tiers (R3: the Middle East and Southeast Asia are price-sensitive,
 * the United States values service) and the statistics by region (R17). Names and ISO codes both work;
 * Settings may override a country's region.
 */
export type Region =
  | "Middle East"
  | "Southeast Asia"
  | "East Asia"
  | "South Asia"
  | "North America"
  | "Latin America"
  | "Europe"
  | "CIS"
  | "Africa"
  | "Oceania";

const REGION_COUNTRIES: Record<Region, string[]> = {
  "Middle East": [
    "AE|United Arab Emirates|UAE|Dubai",
    "SA|Saudi Arabia|KSA",
    "QA|Qatar",
    "KW|Kuwait",
    "OM|Oman",
    "BH|Bahrain",
    "IR|Iran",
    "IQ|Iraq",
    "JO|Jordan",
    "LB|Lebanon",
    "IL|Israel",
    "TR|Turkey|Türkiye",
    "YE|Yemen",
    "SY|Syria",
    "EG|Egypt",
  ],
  "Southeast Asia": [
    "VN|Vietnam|Viet Nam",
    "TH|Thailand",
    "MY|Malaysia",
    "SG|Singapore",
    "ID|Indonesia",
    "PH|Philippines",
    "MM|Myanmar",
    "KH|Cambodia",
    "LA|Laos",
    "BN|Brunei",
  ],
  "East Asia": ["CN|China", "HK|Hong Kong", "TW|Taiwan", "JP|Japan", "KR|South Korea|Korea", "MO|Macau", "MN|Mongolia"],
  "South Asia": ["IN|India", "PK|Pakistan", "BD|Bangladesh", "LK|Sri Lanka", "NP|Nepal"],
  "North America": ["US|United States|USA|United States of America|America", "CA|Canada"],
  "Latin America": [
    "MX|Mexico",
    "BR|Brazil",
    "AR|Argentina",
    "CL|Chile",
    "CO|Colombia",
    "PE|Peru",
    "EC|Ecuador",
    "VE|Venezuela",
    "UY|Uruguay",
    "PA|Panama",
    "GT|Guatemala",
    "DO|Dominican Republic",
  ],
  Europe: [
    "GB|United Kingdom|UK|England|Great Britain",
    "DE|Germany",
    "FR|France",
    "IT|Italy",
    "ES|Spain",
    "PT|Portugal",
    "NL|Netherlands|Holland",
    "BE|Belgium",
    "PL|Poland",
    "SE|Sweden",
    "NO|Norway",
    "DK|Denmark",
    "FI|Finland",
    "IE|Ireland",
    "AT|Austria",
    "CH|Switzerland",
    "CZ|Czech Republic|Czechia",
    "GR|Greece",
    "RO|Romania",
    "HU|Hungary",
    "BG|Bulgaria",
  ],
  CIS: [
    "RU|Russia|Russian Federation",
    "UA|Ukraine",
    "KZ|Kazakhstan",
    "UZ|Uzbekistan",
    "BY|Belarus",
    "AZ|Azerbaijan",
    "GE|Georgia",
    "AM|Armenia",
  ],
  Africa: [
    "NG|Nigeria",
    "ZA|South Africa",
    "KE|Kenya",
    "GH|Ghana",
    "MA|Morocco",
    "DZ|Algeria",
    "TN|Tunisia",
    "ET|Ethiopia",
    "TZ|Tanzania",
  ],
  Oceania: ["AU|Australia", "NZ|New Zealand"],
};

/** Each entry is "ISO code|canonical name|other names…". */
const BY_NAME = new Map<string, { region: Region; country: string }>();
for (const [region, entries] of Object.entries(REGION_COUNTRIES) as [Region, string[]][]) {
  for (const entry of entries) {
    const names = entry.split("|");
    for (const n of names) BY_NAME.set(n.toLowerCase(), { region, country: names[1] });
  }
}

/** The region of a country name or ISO code, or "" when unknown. */
export function regionOf(country: string, overrides: ReadonlyMap<string, string> = new Map()): string {
  const key = country.trim().toLowerCase();
  if (key === "") return "";
  return overrides.get(key) ?? BY_NAME.get(key)?.region ?? "";
}

/** "us", "USA" -> "United States"; unknown text is returned trimmed. */
export function canonicalCountry(country: string): string {
  const key = country.trim().toLowerCase();
  return BY_NAME.get(key)?.country ?? country.trim();
}
