import { describe, expect, it } from 'vitest';

import { createLogger } from '../../src/logger.js';
import { createLogSink } from './logs.js';

describe('createLogSink', () => {
  it('should collect each log line of the root logger as an object', () => {
    const sink = createLogSink();
    const logger = createLogger('debug', sink.stream).child({ clinicId: 3 });

    logger.info({ runId: 'r1' }, 'digest posted');
    logger.debug('query');

    expect(sink.lines).toEqual([
      expect.objectContaining({ level: 30, clinicId: 3, runId: 'r1', msg: 'digest posted' }),
      expect.objectContaining({ level: 20, msg: 'query' }),
    ]);
  });

  it('should show the redaction the root logger applies', () => {
    const sink = createLogSink();
    const logger = createLogger('info', sink.stream);

    logger.info({ token: 'xoxb-secret', patientName: 'Jane Roe' }, 'call');

    expect(sink.lines[0]).toMatchObject({ token: '[redacted]', patientName: '[redacted]' });
  });
});
