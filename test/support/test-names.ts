/** Tests use their own Temporal namespace, MongoDB database and Redis key prefix, never a developer's. */
export const TEST_NAMESPACE = 'masterbus-test';

export function uniqueSuffix(): string {
  return `${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}
