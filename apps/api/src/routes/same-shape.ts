/**
 * Response classes describe in the OpenAPI document what the services return; these types
 * keep them honest. `Expect<Same<TaskView, TaskViewDto>>` fails to compile as soon as the
 * service's view type and the class disagree in either direction.
 */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Expect<T extends true> = T;
