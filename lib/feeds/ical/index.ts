export { parseICal, parseJCal } from './calendar';
