import type { Language } from './languages';

/**
 * Function words, folded. Dropped from terms and text before phrase matching (so "traite des
 * êtres humains" and "traite d'êtres humains" meet) and counted by the language detector.
 * Never put a content word here: it would vanish from every phrase. Negations (not, sans,
 * non, nie …) stay out on purpose: "minori non accompagnati" is not "minori accompagnati".
 */
const WORDS: Record<Language, string> = {
  en: `a an the of in on at to for from by with and or as is are was were be been has have had
    this that these those its it their his her our which who whom whose into onto over under
    about after before between through during within against also than then there
    s will would can could shall should may might must but if so such other others
    more most some any each all both very per via upon while whereas`,
  fr: `le la les l un une des du de d au aux a et ou en dans par pour sur avec sous entre
    vers chez ce cet cette ces son sa ses leur leurs notre nos votre vos qui que qu quoi dont ou
    est sont ete etre a ont avait avaient sera seront fait plus moins aussi ainsi
    y se s n c j m t il elle ils elles on nous vous lors afin selon comme mais donc car si tres`,
  de: `der die das den dem des ein eine einer eines einem einen und oder in im am an auf aus bei
    mit nach von vom zu zum zur fur uber unter vor durch gegen um ist sind war waren wird
    werden wurde wurden hat haben hatte sein seine ihr ihre sich es er sie wir auch als
    wie so dass da sowie bzw dieser diese dieses diesem diesen jener noch nur sehr bis ab seit
    zwischen wahrend innerhalb ausserhalb`,
  it: `il lo la i gli le l un uno una di del dello della dei degli delle dell da dal dallo dalla
    dai dagli dalle dall in nel nello nella nei negli nelle nell a al allo alla ai agli alle
    all su sul sullo sulla sui sugli sulle sull per con tra fra e ed o che chi cui piu
    come anche sono e stato stata stati essere ha hanno ai questo questa questi queste quello
    quella suo sua suoi sue loro nostro nostra ci ne`,
  es: `el la los las lo un una unos unas de del al a en por para con sobre entre hacia desde
    hasta y e o u que quien cuyo cuya como cuando donde mas muy tambien ya es son fue fueron
    ser ha han habia este esta estos estas ese esa esos esas su sus nuestro nuestra le les
    segun durante mediante ante tras`,
  pl: `i w we z ze na do od o u po przy przez za dla pod nad przed miedzy oraz lub albo a ale czy
    ze sie jest sa byl byla bylo byly beda jak to ten ta te tego tej tym tych jego jej ich
    ktory ktora ktore ktorego ktorej ktorych takze rowniez juz tez tylko by`,
  nl: `de het een en of in op aan te ten ter van voor met door bij uit over onder naar om tot als
    dat die dit deze er is zijn was waren wordt worden werd werden heeft hebben had ook
    maar nog wel zo hun haar zijn ons onze hij zij ze we wij u men tussen tijdens binnen
    tegen volgens via`,
};

const toSet = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

export const STOPWORDS: Record<Language, ReadonlySet<string>> = {
  en: toSet(WORDS.en),
  fr: toSet(WORDS.fr),
  de: toSet(WORDS.de),
  it: toSet(WORDS.it),
  es: toSet(WORDS.es),
  pl: toSet(WORDS.pl),
  nl: toSet(WORDS.nl),
};
