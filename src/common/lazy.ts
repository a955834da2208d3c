/** A value created on first call; `peek()` reads it without creating it. */
export type Lazy<T> = (() => T) & { peek(): T | undefined };

export function lazy<T>(create: () => T): Lazy<T> {
  let made = false;
  let value: T | undefined;
  const get = (() => {
    if (!made) { value = create(); made = true; }
    return value as T;
  }) as Lazy<T>;
  get.peek = () => value;
  return get;
}
