// What Kaari accepts in camunda:dueDate (README "Processes and diagrams"): an ISO 8601
// duration, working days as `P10WD`, a date-time with offset, or an expression.
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const WORKING_DAYS = /^P\d+WD$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const EXPRESSION = /^\$\{.+\}$/;

/** Whether the modeler's panel takes a deadline as written (empty means no deadline). */
export function dueDateOk(v: string): boolean {
  return !v || DURATION.test(v) || WORKING_DAYS.test(v) || DATE_TIME.test(v) || EXPRESSION.test(v);
}
