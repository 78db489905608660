/**
 * Generates the data modules behind buyer identity (src/domain/data/*). Run after upgrading libphonenumber-js,
 * or after editing a list below: `npx tsx scripts/gen-identity-data.ts`.
 *
 * Why generated tables instead of run-time libraries:
 * - Country names: Node has full ICU, so Intl.DisplayNames gives every country's name in our ten languages here.
 *   Apps Script's V8 is not documented to ship full ICU data, and matching needs name -> code (the reverse of
 *   what Intl offers), so the add-on ships a compact table of the trading countries' names.
 * - Chinese name pinyin: pinyin-pro (a dev dependency) reads the common surname and given-name characters once;
 *   the add-on ships only those readings (a few KB) instead of the whole dictionary.
 * - Phone metadata: libphonenumber-js's "min" metadata without its formatting rules. We only parse numbers and
 *   write E.164, which never reads a format; the formats are more than half of the metadata's bytes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pinyin } from "pinyin-pro";
import { foldKey } from "../src/domain/fold";
import { canonicalCountry } from "../src/domain/regions";

const LANGUAGES = ["en", "zh-Hans", "zh-Hant", "es", "pt", "fr", "de", "ru", "ar", "vi", "ko"];

// Countries our buyers write from: every language's name is kept for these.
const TRADING =
  "AE SA QA KW OM BH IR IQ JO LB IL TR YE SY EG VN TH MY SG ID PH MM KH LA BN CN HK TW JP KR MO MN IN PK BD LK NP AF " +
  "MV US CA MX BR AR CL CO PE EC VE UY PA GT DO BO PY CR HN SV NI CU JM TT PR GB DE FR IT ES PT NL BE PL SE NO DK FI " +
  "IE AT CH CZ GR RO HU BG HR RS SK SI LT LV EE CY MT LU IS RU UA KZ UZ BY AZ GE AM KG TJ TM MD NG ZA KE GH MA DZ TN " +
  "ET TZ LY SD SN CI CM UG AO MZ ZM ZW RW CD AU NZ FJ PG";

/** Other names people write. "~" marks a name that is also an everyday word or a person's name. */
const ALIASES: Record<string, string> = {
  US: "USA|U.S.A.|U.S.|United States of America|America|EE.UU.|EEUU|Estados Unidos de América|EUA|États-Unis d'Amérique|Vereinigte Staaten von Amerika|США|Соединённые Штаты|الولايات المتحدة الأمريكية|أمريكا|~Mỹ|Hoa Kỳ|미국",
  GB: "UK|U.K.|England|Great Britain|Britain|Scotland|Wales|Northern Ireland|Angleterre|Inglaterra|Großbritannien|Англия|بريطانيا|~Anh",
  AE: "UAE|U.A.E.|Emirates|阿联酋|阿聯酋|EAU|E.A.U.|ОАЭ|Объединённые Арабские Эмираты|Объединенные Арабские Эмираты|الإمارات|الامارات|الامارات العربية المتحدة|UAE",
  SA: "KSA|K.S.A.|Saudi|Kingdom of Saudi Arabia|沙特|沙特阿拉伯|السعودية|المملكة العربية السعودية|사우디|Ả Rập Saudi",
  KR: "Korea|Republic of Korea|South Korea|韩国|韓國|南韩|Corea|Coreia|Corée|Korea (Süd)|Корея|كوريا|한국|대한민국",
  RU: "Russian Federation|Российская Федерация|РФ|~Nga|Liên bang Nga",
  CN: "PRC|P.R. China|P.R.C.|People's Republic of China|中华人民共和国|中國大陸|中国大陆",
  HK: "Hong Kong|HKSAR|Hong Kong SAR|Hongkong|香港|中国香港|홍콩|Гонконг|هونغ كونغ|Hồng Kông",
  MO: "Macau|Macao|澳门|澳門|마카오",
  TW: "Taiwan ROC|台湾|臺灣|台灣",
  VN: "Viet Nam|Việt Nam|Vietnam",
  TR: "Turkey|~Turkey|Türkiye|Turquia|Турция",
  CZ: "Czech Republic|Czechia|Česká republika|Чехия",
  NL: "Holland|Holanda|Hollande|Nederland|The Netherlands",
  DE: "Deutschland|BRD|~Đức",
  IT: "~Ý|Italia",
  FR: "~Pháp",
  AU: "~Úc",
  JP: "~Nhật",
  IN: "Bharat",
  MM: "Myanmar|Burma",
  CI: "Ivory Coast|Cote d'Ivoire",
  CD: "DR Congo|DRC",
  JO: "~Jordan",
  GE: "~Georgia",
  IL: "~Israel",
  PA: "~Panama",
  // Names in the country's own language, as addresses are written there.
  PL: "Polska|Rzeczpospolita Polska",
  BE: "België|Belgique|Belgien",
  AT: "Österreich",
  CH: "Schweiz|Suisse|Svizzera",
  SE: "Sverige",
  NO: "Norge",
  DK: "Danmark",
  FI: "Suomi",
  HU: "Magyarország",
  RO: "România",
  GR: "Ελλάδα|Hellas",
  UA: "Україна",
  KZ: "Қазақстан",
  BY: "Беларусь|Belarus",
  HR: "Hrvatska",
  RS: "Srbija|Србија",
  SK: "Slovensko",
  TH: "ประเทศไทย|Thai Land",
  PH: "Pilipinas",
  IE: "Éire",
};

// Unambiguous cities, first name of each group is the display. Cities named like a country or a person, and
// cities of China (usually our own address), are left out.
const CITIES: Record<string, string> = {
  AE: "Dubai=دبي=迪拜=Дубай=두바이|Abu Dhabi=أبوظبي=阿布扎比=Абу-Даби|Sharjah=الشارقة=沙迦|Ajman=عجمان|Jebel Ali=جبل علي|Ras Al Khaimah=رأس الخيمة|Fujairah=الفجيرة",
  SA: "Riyadh=الرياض=利雅得=Эр-Рияд=리야드|Jeddah=Jiddah=جدة=吉达=Джидда|Dammam=الدمام=达曼|Al Khobar=Khobar=الخبر",
  QA: "Doha=الدوحة=多哈",
  OM: "Muscat=مسقط=马斯喀特",
  BH: "Manama=المنامة",
  EG: "Cairo=القاهرة=开罗=Le Caire=El Cairo=Kairo|Alexandria=الإسكندرية",
  IQ: "Baghdad=بغداد|Erbil=أربيل|Basra=البصرة",
  TR: "Istanbul=İstanbul=伊斯坦布尔=Стамбул|Ankara|Izmir=İzmir|Bursa",
  IR: "Tehran=تهران=Тегеран",
  NG: "Lagos=拉各斯|Abuja|Kano|Port Harcourt|Ibadan|Onitsha",
  GH: "Accra|Kumasi|Tema",
  KE: "Nairobi|Mombasa",
  ZA: "Johannesburg|Cape Town|Durban|Pretoria",
  ET: "Addis Ababa",
  TZ: "Dar es Salaam",
  MA: "Casablanca=الدار البيضاء|Rabat|Tangier=Tanger",
  RU: "Moscow=Москва=莫斯科=Moskau=Moscú=Moscou=Moscovo=موسكو=Mátxcơva=모스크바|Saint Petersburg=St. Petersburg=St Petersburg=Санкт-Петербург=СПб|Novosibirsk=Новосибирск|Yekaterinburg=Екатеринбург|Kazan=Казань|Vladivostok=Владивосток|Krasnodar=Краснодар|Nizhny Novgorod=Нижний Новгород|Rostov-on-Don=Ростов-на-Дону|Samara=Самара",
  KZ: "Almaty=Алматы|Astana=Астана",
  UZ: "Tashkent=Ташкент",
  UA: "Kyiv=Kiev=Киев=Київ|Odesa=Odessa=Одесса|Kharkiv=Харьков",
  BY: "Minsk=Минск",
  DE: "Berlin=柏林|Hamburg=汉堡|Munich=München=慕尼黑|Frankfurt am Main=Frankfurt|Cologne=Köln|Düsseldorf|Stuttgart|Bremen|Hannover=Hanover|Leipzig|Dortmund|Nuremberg=Nürnberg",
  FR: "Paris=巴黎|Lyon|Marseille|Toulouse|Lille|Bordeaux|Nantes|Strasbourg",
  ES: "Madrid|Barcelona|Seville=Sevilla|Bilbao|Zaragoza|Málaga",
  PT: "Lisbon=Lisboa",
  IT: "Milan=Milano|Rome=Roma|Turin=Torino|Naples=Napoli|Bologna|Florence=Firenze",
  NL: "Amsterdam|Rotterdam|The Hague=Den Haag|Eindhoven|Utrecht",
  BE: "Brussels=Bruxelles=Brussel|Antwerp=Antwerpen=Anvers",
  PL: "Warsaw=Warszawa=Varsovie=Варшава|Kraków=Krakow|Łódź=Lodz|Wrocław=Wroclaw|Poznań=Poznan|Gdańsk=Gdansk",
  CZ: "Prague=Praha",
  AT: "Vienna=Wien",
  CH: "Zurich=Zürich|Geneva=Genève|Basel",
  GB: "London=伦敦=Londres=Лондон|Manchester|Liverpool|Leeds|Glasgow|Edinburgh",
  IE: "Dublin",
  SE: "Stockholm|Gothenburg=Göteborg",
  DK: "Copenhagen=København",
  NO: "Oslo",
  FI: "Helsinki",
  RO: "Bucharest=București=Bucuresti",
  HU: "Budapest",
  US: "New York=纽约=Nueva York|Los Angeles=洛杉矶|Chicago|Houston|Miami|Dallas|Atlanta|Seattle|San Francisco|Boston|Detroit|Philadelphia|San Diego|Las Vegas|Denver|Orlando",
  CA: "Toronto|Montreal=Montréal|Calgary|Ottawa|Edmonton",
  MX: "Mexico City=Ciudad de México=CDMX|Guadalajara|Monterrey|Puebla|Tijuana",
  BR: "São Paulo=Sao Paulo=圣保罗|Rio de Janeiro|Belo Horizonte|Curitiba|Porto Alegre|Brasília|Recife|Fortaleza|Manaus|Campinas",
  AR: "Buenos Aires|Rosario",
  CL: "Santiago de Chile|Valparaíso",
  CO: "Bogotá=Bogota|Medellín=Medellin|Barranquilla",
  PE: "Lima|Callao|Arequipa",
  EC: "Quito|Guayaquil",
  VE: "Caracas",
  UY: "Montevideo",
  DO: "Santo Domingo",
  IN: "Mumbai=Bombay=孟买|New Delhi=Delhi=新德里|Bangalore=Bengaluru|Chennai|Kolkata|Ahmedabad|Pune|Surat|Jaipur|Ludhiana",
  PK: "Karachi|Lahore|Islamabad|Faisalabad|Sialkot",
  BD: "Dhaka|Chittagong=Chattogram",
  LK: "Colombo",
  NP: "Kathmandu",
  VN: "Hanoi=Hà Nội=Ha Noi=河内=하노이|Ho Chi Minh City=Hồ Chí Minh=Ho Chi Minh=TP.HCM=TP HCM=TP. Hồ Chí Minh=HCMC=Saigon=Sài Gòn=胡志明市|Da Nang=Đà Nẵng|Hai Phong=Hải Phòng|Binh Duong=Bình Dương|Dong Nai=Đồng Nai|Can Tho=Cần Thơ",
  TH: "Bangkok=กรุงเทพ=曼谷|Chiang Mai",
  MY: "Kuala Lumpur=吉隆坡|Penang|Johor Bahru|Shah Alam",
  ID: "Jakarta=雅加达|Surabaya|Bandung|Medan|Semarang",
  PH: "Manila|Quezon City|Cebu|Davao|Makati",
  MM: "Yangon",
  KH: "Phnom Penh",
  KR: "Seoul=서울=首尔=首爾=Сеул|Busan=Pusan=부산=釜山|Incheon=인천|Daegu=대구|Daejeon=대전|Gwangju=광주|Ulsan=울산|Suwon=수원|Seongnam=성남|Changwon=창원",
  JP: "Tokyo=東京=东京=도쿄|Osaka=大阪|Yokohama=横浜|Nagoya=名古屋",
  TW: "Taipei=台北=臺北|Taichung=台中|Kaohsiung=高雄",
  AU: "Sydney=悉尼=시드니|Melbourne=墨尔本|Brisbane|Perth|Adelaide",
  NZ: "Auckland|Wellington|Christchurch",
};

// English display names where the regions table has none or Intl's is long-winded.
const ENGLISH: Record<string, string> = { HK: "Hong Kong", MO: "Macau", MM: "Myanmar", PS: "Palestine" };

function countryTable(): string {
  const meta = JSON.parse(readMeta());
  const codes = Object.keys(meta.countries).filter((c) => /^[A-Z]{2}$/.test(c) && c !== "AC" && c !== "TA");
  const trading = new Set(TRADING.split(" "));
  for (const c of trading) if (!codes.includes(c)) codes.push(c);
  const lines: string[] = [];
  for (const code of codes.sort()) {
    const intlEn = new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
    const canonical = canonicalCountry(code);
    const english = ENGLISH[code] ?? (canonical !== code ? canonical : intlEn);
    const names: string[] = [english];
    const keys = new Set([foldKey(english)]);
    // Names that fold alike ("Объединённые"/"Объединенные", "Việt Nam"/"Viet Nam") are kept once.
    const add = (name: string) => {
      const n = name.trim();
      const key = foldKey(n.replace(/^~/, ""));
      // A "~" alias of a name already listed is kept: it marks that name as needing context.
      if (!n || (keys.has(key) && !n.startsWith("~")) || n === code) return;
      keys.add(key);
      names.push(n);
    };
    if (trading.has(code)) {
      for (const lang of LANGUAGES) {
        const name = new Intl.DisplayNames([lang], { type: "region" }).of(code) ?? "";
        // "Myanmar (Burma)" -> both names; "Hong Kong SAR China" style names come from ALIASES.
        const paren = /^(.*?)\s*\((.*)\)$/.exec(name);
        const parts = paren ? [paren[1], paren[2]] : [name];
        for (const part of parts) {
          // A one-word Vietnamese name ("Đức", "Nga") is also a common word or given name.
          if (lang === "vi" && !/\s/.test(part) && part.length <= 5 && !/^[A-Z][a-z]+$/.test(part)) add(`~${part}`);
          else add(part);
        }
      }
      add(intlEn);
      for (const alias of (ALIASES[code] ?? "").split("|")) if (alias) add(alias);
    } else if (intlEn !== english) add(intlEn);
    lines.push(`${code}|${names.join("|")}`);
  }
  return lines.join("\n");
}

function cityTable(): string {
  return Object.entries(CITIES)
    .map(([code, groups]) => `${code}|${groups}`)
    .join("\n");
}

function readMeta(): string {
  return readFileSync(createRequire(import.meta.url).resolve("libphonenumber-js/metadata.min.json"), "utf8");
}

function phoneMetadata(): string {
  const meta = JSON.parse(readMeta());
  // Index 4 of a country's entry is its list of formats (see libphonenumber-js metadata.js): only formatting
  // reads it, and `formats()` falls back to [] when it is absent.
  for (const group of [meta.countries, meta.nonGeographic ?? {}]) {
    for (const code of Object.keys(group)) if (Array.isArray(group[code][4])) group[code][4] = 0;
  }
  return JSON.stringify(meta);
}

// ---------------------------------------------------------------- pinyin

// The common surnames (simplified and traditional forms), compound ones first.
// (Read by hand: pinyin-pro misreads some traditional compounds, "長孫" as "changsun".)
const COMPOUND_SURNAMES =
  "ouyang,auyeung:欧阳 歐陽|sima:司马 司馬|shangguan:上官|zhuge:诸葛 諸葛|dongfang:东方 東方|huangfu:皇甫|" +
  "linghu:令狐|murong:慕容|situ,szeto:司徒|gongsun:公孙 公孫|xiahou:夏侯|yuchi:尉迟 尉遲|zhangsun:长孙 長孫|" +
  "yuwen:宇文|duanmu:端木";
const SURNAMES =
  "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付傅方白邹鄒孟熊秦邱江尹薛闫閆段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯温溫区區关關庄莊欧歐翁施甘柯游赖賴洪易常康岑骆駱纪紀连連屈麦麥伍卓车車文古凌单單解仇朴查盖蓋曲包柴尤阮邢鲁魯滕牛焦聂聶苗葛齐齊童殷郁冉宁寧华華章简簡饶饒滕乔喬岳谷邝鄺祝涂樊聂戚管阎閻左鲍鮑项項毕畢季祁柳卜梅路申詹桂俞丘巫应應尚辛艾" +
  "钟符褚蒙刁池佘颜顏倪陈";
// Alternative romanisations of surnames (Cantonese, Wade-Giles, Hokkien, Korean-style), keyed by the character.
const SURNAME_ALTERNATES: Record<string, string> = {
  陈: "chan tan chin",
  陳: "chan tan chin",
  张: "cheung chang teo",
  張: "cheung chang teo",
  黄: "wong huang ng wee",
  黃: "wong huang ng wee",
  李: "lee lei",
  林: "lam lim",
  刘: "lau liu lao",
  劉: "lau liu lao",
  王: "wong ong",
  吴: "ng goh woo",
  吳: "ng goh woo",
  郑: "cheng tay",
  鄭: "cheng tay",
  周: "chow chou chew",
  何: "ho",
  梁: "leung neo",
  杨: "yeung yeo young",
  楊: "yeung yeo young",
  郭: "kwok kuo",
  谢: "tse hsieh chia",
  謝: "tse hsieh chia",
  许: "hui hsu koh",
  許: "hui hsu koh",
  邓: "tang teng",
  鄧: "tang teng",
  罗: "law lo",
  羅: "law lo",
  曾: "tsang tseng",
  胡: "woo",
  徐: "tsui hsu",
  蔡: "choi tsai chua",
  叶: "yip yeh yap",
  葉: "yip yeh yap",
  钟: "chung",
  鍾: "chung",
  冯: "fung",
  馮: "fung",
  卢: "lo",
  盧: "lo",
  苏: "so soh",
  蘇: "so soh",
  朱: "chu choo",
  高: "ko kao",
  孙: "suen",
  孫: "suen",
  潘: "poon",
  袁: "yuen",
  邱: "yau chiu khoo",
  麦: "mak",
  麥: "mak",
  莫: "mok",
  关: "kwan",
  關: "kwan",
  区: "au",
  區: "au",
  朴: "park",
  吕: "lyu lv",
  呂: "lyu lv",
};
// Characters common in given names (simplified, then traditional forms that differ).
const GIVEN =
  "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国宇浩俊晨欣怡佳子轩涵雨梓博文一诺思嘉琪雪婷倩琳颖慧莉晶燕冰月梅凤云飞龙海波斌鑫峰亮成志新东春林荣德仁义礼智信忠孝福寿禄喜财贵宝金银山水石木天地日星光阳晓小大中立正永长安宁康泰和庆祥瑞吉利顺达通兴旺盛昌隆发家宏力兵武民生学章彬豪凯翔昊然睿哲泽瀚江河川森松柏竹菊桃杏荷莲芝芬香美娇妮婉媛嫣姗姝婧妍琴瑶璐瑾琼珊珍珠玲瑜璇晴雯霏露霜清洁雅聪惠淑贤良淳朴真诚爱心念梦想悦乐欢笑恩情远航帆舟程路启凡二三四五六七八九十百千万元方圆直毅敢坚健" +
  "伯仲叔季孟继承先祖宗耀扬振威震雄彪虎豹鹤鸿鹰凤麟鸣声音韵琦璋瑛琬琰珏玮炜纬韦卫维薇蓓蕾芸茜莎菲萱蓉蔚苗茂荣蓝青绿紫丹彤虹霓彩璀灿炎焱鑫淼森磊晶品众" +
  "子丁乃之也于亦人以任伊会伶佩依侠俐俞信修倩健傲儒元兆先光克全公六兰其典冠凌凯函刚则创初利力加勃勤勋勉化北华协卓南博卫厚原友双叙口古可叶司合吉同名向君吟含启周和咏品哲唯善喆嘉四回国园圣坤城培基堂塔增士壮声复夏多天太奇奎奕妙姣威娅娥婕媚子孜季学宁守安宋宏宗定宜宝实宣宸容宽宾富寒尊小少尔尚展山岚岩峰崇崎川州巧巨希帅平年广庆康廷建弘强彦彬征德忆志忠怀思恒恩恺悦情惠意慈慧成承文斌新方施旭旺昀昆昊昌明易星春昭晋晓晖晟景晴智暄曼朗朝本杉杰松枫林果柔柯栋树根桐梁梦森楚欢正武毅民永汉江沁沛沙河泉波泰泽洁洋洪浩海涵涛淑清渊温源滨潇澜然煜照熙燕爽玉王珂珊琪瑞瑶璇甜生田申男白百皓益盈真睿石碧磊祥福秀秋程穆立竹笑筠箐素紫红纯维绮缘罗美羽翔翠耀聪胜能自致舒舟航艺芃芊芝芬芮花芳芷苑若英茂茜茹荣莉莎莹菁菲萌萍萱蒙蓉蓓蔚蕊蕾薇虹行衡裕西诗诚语谦豪贝贞贤跃路轩辉达远逸道邦铭锋锐镇长闻阳雁雄雅雨雪雯露青静韩韵韶顺颖飞香馨骏高鸣鹏鹤麟黎默鼎龙" +
  "偉華國強軍艷傑濤紅鵬輝燕鳳雲飛龍東榮義禮財貴寶銀陽曉長寧慶興發達紹賢愛夢樂歡遠帆萬圓堅健繼聲韻琦瑋煒緯韋衛維藍綠彩燦眾葉會協啟園聖壯婭嫻寬實賓尋崗嶺廣張彥徵憶懷恆愷惠慈晉暉晟曉樹橋楓棟歲歷汪溫滿漢瀟瀾熾獻環瓊珮畢碩禎穎筱紀紋純絲綺綸緣羅聰勝舜艷莊華萊葦蔣蕭藝蘭處號衛裝許詩誠誼諾謙譚豐貞賢躍軒輪農邁郵鄧鈞鋼錦鍾鎮長閔開闊陸隆際雙雞雜靈靜韓頌頡願顏風飄餘馮駿騰鬱魯鳴鴻鵬鶴麗"; // traditional

/** Passports and mail write "ü" as "u" (or "yu"/"v", listed as alternates where it matters). */
function plain(reading: string): string {
  return reading.replace(/ü/g, "u");
}

function pinyinTable(): { surnames: string; given: string } {
  const bySurname = new Map<string, string[]>();
  const seenSurname = new Set<string>();
  for (const c of COMPOUND_SURNAMES.split(" ").join(" ").split(/[| ]/)) seenSurname.add(c.replace(/^.*:/, ""));
  for (const s of Array.from(SURNAMES)) {
    if (seenSurname.has(s)) continue;
    seenSurname.add(s);
    const read = plain((pinyin(s, { toneType: "none", surname: "head", type: "array" }) as string[]).join(""));
    if (!/^[a-z]+$/.test(read)) throw new Error(`no reading for surname ${s}`);
    const readings = [...new Set([read, ...(SURNAME_ALTERNATES[s] ?? "").split(" ").filter(Boolean)])].join(",");
    const list = bySurname.get(readings) ?? [];
    list.push(s);
    bySurname.set(readings, list);
  }
  const byGiven = new Map<string, string>();
  const seenGiven = new Set<string>();
  for (const c of Array.from(GIVEN)) {
    if (seenGiven.has(c)) continue;
    seenGiven.add(c);
    const read = plain(pinyin(c, { toneType: "none" }));
    if (!/^[a-z]+$/.test(read)) throw new Error(`no reading for ${c}: ${read}`);
    byGiven.set(read, (byGiven.get(read) ?? "") + c);
  }
  const single = [...bySurname.entries()].map(([r, chars]) => `${r}:${chars.join(" ")}`).join("|");
  const surnames = `${COMPOUND_SURNAMES}|${single}`;
  const given = [...byGiven.entries()].map(([r, chars]) => `${r}:${chars}`).join("|");
  return { surnames, given };
}

// ---------------------------------------------------------------- write

const HEADER =
  "// Generated by scripts/gen-identity-data.ts: edit the lists there and run it again, never this file.\n";
const pin = pinyinTable();
writeFileSync(
  "src/domain/data/country-names.ts",
  `${HEADER}/** One country a line: ISO code|English display|other names ("~" = also a common word, needs context). */\n` +
    `export const COUNTRY_NAMES = ${JSON.stringify(countryTable())};\n\n` +
    `/** One country a line: ISO code|city groups ("|"), each "Display=other=names". */\n` +
    `export const CITY_NAMES = ${JSON.stringify(cityTable())};\n`,
);
writeFileSync(
  "src/domain/data/name-pinyin.ts",
  `${HEADER}/** "reading[,alternates]:characters" groups separated by "|"; surnames are space-separated (compounds). */\n` +
    `export const SURNAME_PINYIN = ${JSON.stringify(pin.surnames)};\n\n` +
    `/** "reading:characters" groups separated by "|". */\n` +
    `export const GIVEN_PINYIN = ${JSON.stringify(pin.given)};\n`,
);
writeFileSync("src/domain/data/phone-metadata.json", phoneMetadata());
console.log("wrote src/domain/data/{country-names.ts,name-pinyin.ts,phone-metadata.json}");
