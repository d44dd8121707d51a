/**
 * Types of the `sentiment` library's language processor (not typed by @types/sentiment): the AFINN
 * labels (with emoji) and the scoring strategy its `analyze` uses, read by the fast scorer.
 */
declare module 'sentiment/lib/language-processor.js' {
  const languageProcessor: {
    /** The label table of a language: token → AFINN score (English includes the emoji labels). */
    getLabels(languageCode: string): Readonly<Record<string, number>>;
    /** The language's score for the token at `cursor` (English: negated after a negator). */
    applyScoringStrategy(languageCode: string, tokens: string[], cursor: number, tokenScore: number): number;
  };
  export default languageProcessor;
}
