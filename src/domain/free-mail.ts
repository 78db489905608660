/**
 * Free-mail and internet-provider mail domains: an address there says nothing about the buyer's company, so it is
 * never a company key (R22) and never a country hint. A compact list of the providers our buyers use (the npm
 * list free-email-domains is about 450 KB, mostly disposable-address services nobody sends an inquiry from).
 * Exact registrable domains; the families below (yahoo.*, hotmail.*, gmx.*, …) match on their first label.
 */
const FREE_MAIL_DOMAINS = new Set(
  (
    "gmail.com googlemail.com ymail.com rocketmail.com msn.com aol.com aim.com icloud.com me.com mac.com " +
    "mail.com email.com usa.com web.de t-online.de freenet.de arcor.de yandex.ru yandex.com ya.ru " +
    "mail.ru bk.ru inbox.ru list.ru rambler.ru ukr.net qq.com 163.com 126.com 139.com 189.cn sina.com " +
    "sina.cn sohu.com yeah.net tom.com 21cn.com aliyun.com foxmail.com protonmail.com protonmail.ch " +
    "proton.me pm.me tutanota.com tuta.io zoho.com zohomail.com fastmail.com hey.com gmx.net " +
    "rediffmail.com naver.com daum.net hanmail.net libero.it virgilio.it tiscali.it orange.fr wanadoo.fr " +
    "free.fr laposte.net sfr.fr seznam.cz wp.pl o2.pl interia.pl onet.pl bol.com.br uol.com.br " +
    "terra.com.br btinternet.com sky.com comcast.net verizon.net att.net sbcglobal.net bigpond.com " +
    "optusnet.com.au shaw.ca rogers.com mweb.co.za walla.co.il inbox.com lycos.com excite.com inbox.lv " +
    "abv.bg centrum.cz post.cz atlas.cz email.cz azet.sk zoznam.sk centrum.sk citromail.hu freemail.hu " +
    "gazeta.pl op.pl interia.eu tlen.pl go2.pl yandex.kz i.ua meta.ua bigmir.net tut.by mail.kz " +
    "posteo.de mailbox.org online.de gmx.ch bluewin.ch hispeed.ch telenet.be skynet.be home.nl ziggo.nl " +
    "planet.nl kpnmail.nl xs4all.nl chello.nl telia.com bredband.net online.no jubii.dk sapo.pt " +
    "ig.com.br r7.com globo.com oi.com.br prodigy.net.mx telefonica.net ono.com arnet.com.ar " +
    "fibertel.com.ar speedy.com.ar cantv.net netvigator.com hinet.net pchome.com.tw seed.net.tw yam.com " +
    "263.net eyou.com china.com citiz.net wo.cn wo.com.cn 188.com nate.com korea.com empal.com paran.com " +
    "dreamwiz.com chol.com docomo.ne.jp ezweb.ne.jp softbank.ne.jp nifty.com biglobe.ne.jp ocn.ne.jp " +
    "so-net.ne.jp vsnl.net vsnl.com sify.com indiatimes.com eth.net myway.com cox.net charter.net " +
    "earthlink.net juno.com netzero.net optonline.net frontier.com windstream.net centurylink.net " +
    "bellsouth.net roadrunner.com rr.com twc.com sympatico.ca videotron.ca telus.net xtra.co.nz " +
    "iinet.net.au tpg.com.au westnet.com.au ozemail.com.au virginmedia.com ntlworld.com blueyonder.co.uk " +
    "talktalk.net tiscali.co.uk eircom.net emirates.net.ae eim.ae qatar.net.qa omantel.net.om link.net " +
    "menara.ma topnet.tn vnn.vn pacific.net.sg singnet.com.sg streamyx.com tm.net.my telkom.net " +
    "pldtdsl.net loxinfo.co.th mynet.com superonline.com ttmail.com mail.ee hot.ee "
  )
    .trim()
    .split(" "),
);
const FREE_MAIL_FAMILY = /^(?:yahoo|hotmail|outlook|live|gmx|yandex|windowslive|aol|rediffmail|zoho)(?:\.|$)/;

/** isFreeMail for a registrable domain (what companyDomain() returns). */
export function isFreeMailDomain(domain: string): boolean {
  if (!domain) return false;
  return FREE_MAIL_DOMAINS.has(domain) || FREE_MAIL_FAMILY.test(domain);
}
