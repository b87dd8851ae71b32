/** The surface of algos/mojo2/ops/ for the modules outside it. */
export { type ArithCode, ClipStep, ColumnArithStep, ConstArithStep, PowerStep, StandardiseStep, SumStep } from './arithmetic.ts';
export { isNumeric, NumberToTextStep, NumericCastStep, TruncateCastStep, TextToDateStep } from './cast.ts';
export { CopyStep, FillMissingStep, ConstantStep } from './copy.ts';
export { Forest, ForestStep, type TreeNodes } from './forest.ts';
export { LinearStep, type LinearModel } from './linear.ts';
export { SigmoidStep, SoftmaxStep } from './link.ts';
export { IntervalMapStep, KeyIndex, MapLookupStep, ReplaceStep } from './lookup.ts';
export { KMeansStep, MatrixProductStep } from './models.ts';
export { DatePartStep, DATE_TEXT_OFFSET, parseIsoDate } from './dates.ts';
