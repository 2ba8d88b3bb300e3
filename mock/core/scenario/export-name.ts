const EXPORT_SUFFIX = '-export';
/** The scenario schema's limit on `name`, in code points. */
const MAX_NAME_LENGTH = 200;

/**
 * The name of a state export of scenario `name`. An export imported and exported again keeps its
 * name, so round trips never outgrow the schema's limit; a name too long for the suffix is cut to
 * make room (in code points, as the schema counts, so no surrogate pair is split).
 */
export function exportName(name: string): string {
  if (name.endsWith(EXPORT_SUFFIX)) return name;
  const chars = Array.from(name);
  if (chars.length + EXPORT_SUFFIX.length <= MAX_NAME_LENGTH) return `${name}${EXPORT_SUFFIX}`;
  return `${chars.slice(0, MAX_NAME_LENGTH - EXPORT_SUFFIX.length).join('')}${EXPORT_SUFFIX}`;
}
