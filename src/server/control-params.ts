/**
 * Query parameters (and their headers) that steer a request rather than name a column:
 * the output style and lenient number parsing.
 */
export const STYLE_PARAM = 'style';
export const LENIENT_PARAM = 'lenient';
export const CONTROL_PARAMS = [STYLE_PARAM, LENIENT_PARAM] as const;
export type ControlParam = (typeof CONTROL_PARAMS)[number];

export const STYLE_HEADER = 'x-output-style';
export const LENIENT_HEADER = 'x-lenient-numbers';

export function isControlParam(name: string): name is ControlParam {
  return name === STYLE_PARAM || name === LENIENT_PARAM;
}
