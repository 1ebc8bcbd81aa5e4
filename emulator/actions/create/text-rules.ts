/**
 * The page's format rules for names, descriptions and tags, each returning why a value breaks it. Lengths
 * count characters (code points), as the page words them.
 */
const length = (text: string): number => {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
};

const URL_PREFIXES = ['http://', 'https://'];
const startsWithUrl = (text: string): boolean => URL_PREFIXES.some((prefix) => text.startsWith(prefix));
const containsUrl = (text: string): boolean => URL_PREFIXES.some((prefix) => text.includes(prefix));

// "letters" read as ASCII letters, as the catalogue settles it (ambiguity name-letters).
const NAME_CHARSET = /^[A-Za-z0-9._:-]*$/;
const STARTS_WITH_LETTER = /^[A-Za-z]/;

/** "2 to 128 characters ... letters, digits, periods, underscores, hyphens, colons ... start with a letter". */
export const nameProblem = (name: string): string | undefined => {
  if (length(name) < 2) return 'shorter than 2 characters';
  if (length(name) > 128) return 'longer than 128 characters';
  if (startsWithUrl(name)) return 'starts with http:// or https://';
  if (!STARTS_WITH_LETTER.test(name)) return 'does not start with a letter';
  if (!NAME_CHARSET.test(name)) return 'contains a character other than letters, digits, ".", "_", "-", ":"';
  return undefined;
};

/** "2 to 256 characters in length and cannot start with http:// or https://". */
export const descriptionProblem = (description: string): string | undefined => {
  if (length(description) < 2) return 'shorter than 2 characters';
  if (length(description) > 256) return 'longer than 256 characters';
  if (startsWithUrl(description)) return 'starts with http:// or https://';
  return undefined;
};

/** "cannot be an empty string ... up to 128 characters ... cannot start with acs: or aliyun ... http(s)://". */
export const tagKeyProblem = (key: string | undefined): string | undefined => {
  if (key === undefined) return 'Tag.N.Value is given without Tag.N.Key';
  if (key === '') return 'empty';
  if (length(key) > 128) return 'longer than 128 characters';
  if (key.startsWith('acs:') || key.startsWith('aliyun')) return 'starts with acs: or aliyun';
  if (containsUrl(key)) return 'contains http:// or https://';
  return undefined;
};

/** "can be an empty string ... up to 128 characters ... cannot start with acs: ... http(s)://". */
export const tagValueProblem = (value: string): string | undefined => {
  if (length(value) > 128) return 'longer than 128 characters';
  if (value.startsWith('acs:')) return 'starts with acs:';
  if (containsUrl(value)) return 'contains http:// or https://';
  return undefined;
};
