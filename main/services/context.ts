import type { AppInfo } from '../../shared/api';
import type { DB } from '../db/open';
import type { PushBus } from './push';

export interface ServiceContext {
  db: DB;
  push: PushBus;
  info: AppInfo;
  now: () => number;
}
