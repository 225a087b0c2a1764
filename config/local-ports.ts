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

const developmentPorts: LocalPorts = { temporal: 7233, temporalUi: 8233, mongodb: 27017, redis: 6379, condoit: 4010, api: 8080 };
/** Production names its services (MONGODB_URL, …); unset, it looks where a development stack would be. */
export const localPorts: Record<'production' | 'development' | 'test', LocalPorts> = {
  production: developmentPorts,
  development: developmentPorts,
  test: { temporal: 17233, temporalUi: 18233, mongodb: 27117, redis: 16379, condoit: 0, api: 0 },
};

/** The profile's ports, each overridable: TEMPORAL_PORT, TEMPORAL_UI_PORT, FERRETDB_PORT, REDIS_PORT, CONDOIT_SIM_PORT. */
export function portsFor(
  profile: 'production' | 'development' | 'test',
  env: {
    TEMPORAL_PORT?: number | undefined;
    TEMPORAL_UI_PORT?: number | undefined;
    FERRETDB_PORT?: number | undefined;
    REDIS_PORT?: number | undefined;
    CONDOIT_SIM_PORT?: number | undefined;
    API_PORT?: number | undefined;
  },
): LocalPorts {
  const d = localPorts[profile];
  return {
    temporal: env.TEMPORAL_PORT ?? d.temporal,
    temporalUi: env.TEMPORAL_UI_PORT ?? d.temporalUi,
    mongodb: env.FERRETDB_PORT ?? d.mongodb,
    redis: env.REDIS_PORT ?? d.redis,
    condoit: env.CONDOIT_SIM_PORT ?? d.condoit,
    api: env.API_PORT ?? d.api,
  };
}
