/**
 * Loopback ports of the project-local services (devstack). The dev stack (`npm start`) and the test stack
 * (`npm test`) use different ports and data folders, so tests never touch a developer's running stack.
 */
export interface LocalPorts {
  temporal: number;
  temporalUi: number;
  mongodb: number;
  redis: number;
  condoit: number;
  api: number;
}

export const localPorts: Record<'dev' | 'test', LocalPorts> = {
  dev: { temporal: 7233, temporalUi: 8233, mongodb: 27017, redis: 6379, condoit: 4010, api: 8080 },
  test: { temporal: 17233, temporalUi: 18233, mongodb: 27117, redis: 16379, condoit: 0, api: 0 },
};
