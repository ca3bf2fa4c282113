export {
  detectScriptAndLanguage,
  HINGLISH_MIN_SHARE,
  MIXED_SCRIPT_MIN_SHARE,
  type Language,
  type Script,
  type ScriptAndLanguage,
} from './script-language';
export { KEYWORD_LIST, keywordHints, type KeywordCategory, type KeywordHint } from './keyword-hints';
