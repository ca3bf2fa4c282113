/** Opening a case from a recognised complaint: subject, guard, routing, clocks, the opened event. */
export { openCase, type OpenCaseCode, type OpenCaseInput } from './open-case';
