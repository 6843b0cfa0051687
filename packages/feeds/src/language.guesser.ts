/**
 * A small function-word vote between the languages EU sources publish most in. It is only used
 * to overrule a language an item merely inherits from its feed (aggregators label a whole
 * multilingual feed with one xml:lang), and only on clear evidence.
 */
const STOPWORDS: Record<string, string> = {
  en: 'the and of to is for on with by from that this are was will has have its be an at as it not which their',
  pl: 'i w z na do się że nie jest dla przez od oraz po ze przed jak są być został została także który która które',
  fr: 'le les des et du une un pour dans est sur au aux par que qui avec son ses ce cette sont été leur',
  de: 'der die das und den von zu mit ist für im auf des dem ein eine nicht sich bei zum zur wird werden auch',
  es: 'el los las y del que por con para una es se al sobre su sus como más este esta ha han',
  it: 'il gli e di del della che per con una è dei delle al alla sono nel nella anche questo',
  nl: 'het een en van op voor met is dat niet zijn te aan door bij ook worden wordt deze naar',
  pt: 'os e do da dos das em no na para com que um uma por ao pela pelo são foi está',
  ro: 'și în cu pe din pentru care este să nu mai ale ai fost sunt această acest',
};

const LEXICON = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of words.split(' ')) LEXICON.set(w, [...(LEXICON.get(w) ?? []), lang]);
}

export const GUESSABLE_LANGUAGES = new Set(Object.keys(STOPWORDS));

export function languageScores(text: string): Map<string, number> {
  const scores = new Map<string, number>();
  for (const token of text.toLowerCase().split(/[^\p{L}]+/u)) {
    const langs = LEXICON.get(token);
    if (!langs) continue;
    // A word shared by several languages is weaker evidence for each.
    for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + 1 / langs.length);
  }
  return scores;
}

/**
 * The language the text is clearly written in, if it is not `claimed`: at least three
 * function words, and three times the claimed language's score. Otherwise null.
 */
export function contradictingLanguage(text: string, claimed: string): string | null {
  const primary = claimed.split('-')[0] as string;
  if (!GUESSABLE_LANGUAGES.has(primary)) return null;
  const scores = languageScores(text);
  let best: string | null = null;
  let bestScore = 0;
  for (const [lang, score] of scores) if (score > bestScore) (best = lang), (bestScore = score);
  if (!best || best === primary) return null;
  return bestScore >= 3 && bestScore >= 3 * (scores.get(primary) ?? 0) ? best : null;
}
