/**
 * Query parameters (and their headers) that steer a request rather than name a column:
 * the output style, lenient number parsing and the explanations (contributions, leaf).
 * A model column of the same name wins over the parameter in /predict_parameters.
 */
export const STYLE_PARAM = 'style';
export const LENIENT_PARAM = 'lenient';
export const CONTRIBUTIONS_PARAM = 'contributions';
export const LEAF_PARAM = 'leaf';
export const CONTROL_PARAMS = [STYLE_PARAM, LENIENT_PARAM, CONTRIBUTIONS_PARAM, LEAF_PARAM] as const;
export type ControlParam = (typeof CONTROL_PARAMS)[number];

export const STYLE_HEADER = 'x-output-style';
export const LENIENT_HEADER = 'x-lenient-numbers';
export const CONTRIBUTIONS_HEADER = 'x-contributions';
export const LEAF_HEADER = 'x-leaf';

export function isControlParam(name: string): name is ControlParam {
  return (CONTROL_PARAMS as readonly string[]).includes(name);
}
