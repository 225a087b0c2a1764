/**
 * Where the services are, as production names them: MongoDB connection strings the driver accepts (a replica
 * set's seed list, SRV) are accepted, anything else refused at start with the variable named.
 */
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../config/env.js';
import { serviceUrls } from '../../config/service-urls.js';

describe('MONGODB_URL', () => {
  it("should accept a replica set's seed list, credentials, options and SRV, and hand them to the driver unchanged", () => {
    for (const url of [
      'mongodb://h1:27017,h2:27017,h3:27017/?replicaSet=rs0',
      'mongodb://masterbus:s3cr%40t@db-0.db:27017,db-1.db:27017/masterbus?replicaSet=rs0&authSource=admin',
      'mongodb+srv://cluster0.example.net/?retryWrites=true',
      'mongodb://127.0.0.1:27017/',
    ]) {
      const env = parseEnv({ MASTERBUS_PROFILE: 'development', MONGODB_URL: url });
      expect(serviceUrls(env).mongodb).toBe(url);
    }
  });

  it('should refuse what is not a MongoDB connection string, naming the variable and never echoing it', () => {
    for (const url of ['http://db:27017/', 'mongodb://', 'mongodb://h1:27017,,h2:27017/', 'db:27017']) {
      let message = '';
      try {
        parseEnv({ MASTERBUS_PROFILE: 'development', MONGODB_URL: url });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, url).toMatch(/MONGODB_URL.*not a MongoDB connection string/);
    }
    let message = '';
    try {
      parseEnv({ MASTERBUS_PROFILE: 'development', MONGODB_URL: 'https://user:hunter2@db/' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).not.toContain('hunter2');
  });
});
